package ai.aegis.domain.tenancy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the service knows about a tenant's plan: the verified {@link ZaruTier} its users were last
 * seen with, and when that plan was recorded. Only verified tokens feed it, so the plan is never a
 * claim the tenant could make up; it exists for work that runs without a caller (audit retention).
 *
 * <p>A consumer tenant belongs to one user, so its plan is simply the tier last seen. An
 * organisation tenant has many users who may carry different tiers; its plan is the highest tier
 * any of them was seen with, so one user on a lower tier never shortens what the organisation keeps.
 * The operator tenant {@link TenantScope#SYSTEM} has a fixed policy and no account.
 */
public record TenantAccount(TenantId tenantId, ZaruTier plan, Instant recordedAt) {

    public TenantAccount {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(recordedAt, "recordedAt");
        if (TenantScope.SYSTEM.equals(tenantId)) {
            throw new InvalidInputException("tenant.system_has_no_plan",
                    "the operator tenant " + TenantScope.SYSTEM + " has a fixed policy and no plan of its own");
        }
    }

    /** The first account of a tenant, created when one of its users is first seen with {@code tier}. */
    public static TenantAccount firstSeen(TenantId tenantId, ZaruTier tier, Instant at) {
        return new TenantAccount(tenantId, tier, at);
    }

    /**
     * The plan {@code tenant} has once a user is verified with {@code seen}, given its current plan:
     * a consumer's is {@code seen}; an organisation's is the higher of the two.
     */
    public static ZaruTier planAfterSeeing(TenantId tenant, Optional<ZaruTier> current, ZaruTier seen) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(seen, "seen");
        if (current.isEmpty() || tenant.isConsumer()) {
            return seen;
        }
        return seen.compareTo(current.get()) > 0 ? seen : current.get();
    }

    /**
     * This account after a user was verified with {@code seen} at {@code at}: the same account when
     * the plan does not change (the recorded instant stays that of the plan's first sighting), a
     * new one otherwise.
     */
    public TenantAccount afterSeeing(ZaruTier seen, Instant at) {
        ZaruTier next = planAfterSeeing(tenantId, Optional.of(plan), seen);
        return next == plan ? this : new TenantAccount(tenantId, next, Objects.requireNonNull(at, "at"));
    }
}
