package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;

/**
 * Configured changes to the tier limits, per tenant and per user (the user's win). Answers
 * {@link LimitOverrides#none()} when nothing is configured. Administrators replace them with
 * {@link #setTenant} and {@link #setUser}.
 */
public interface LimitOverridesPort {

    LimitOverrides forTenant(TenantId tenantId);

    LimitOverrides forUser(TenantId tenantId, String subject);

    /**
     * Replaces the overrides of the tenant as a whole, rate limits included; {@link LimitOverrides#none()}
     * clears them. Takes effect on the next read (nothing caches them).
     */
    void setTenant(TenantId tenantId, LimitOverrides overrides);

    /**
     * Replaces the overrides of one user of the tenant, rate limits included; {@link LimitOverrides#none()}
     * clears them. Takes effect on the next read.
     */
    void setUser(TenantId tenantId, String subject, LimitOverrides overrides);
}
