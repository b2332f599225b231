package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;

/**
 * Configured changes to the tier limits, per tenant and per user (the user's win). Answers
 * {@link LimitOverrides#none()} when nothing is configured.
 */
public interface LimitOverridesPort {

    LimitOverrides forTenant(TenantId tenantId);

    LimitOverrides forUser(TenantId tenantId, String subject);
}
