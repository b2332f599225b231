package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.TenantAccount;
import java.util.Objects;
import java.util.Optional;

/**
 * One tenant as an operator sees it: its recorded plan (empty when none of its users was seen yet),
 * whether it is suspended, its tenant-wide limit overrides, and the limits its plan gives once those
 * overrides apply (empty without a plan).
 */
public record TenantAccountDetails(TenantId tenantId, Optional<TenantAccount> account, boolean suspended,
        LimitOverrides limitOverrides, Optional<ResourceLimits> effectiveLimits) {

    public TenantAccountDetails {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(limitOverrides, "limitOverrides");
        Objects.requireNonNull(effectiveLimits, "effectiveLimits");
    }
}
