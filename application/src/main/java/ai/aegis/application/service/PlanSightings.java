package ai.aegis.application.service;

import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records the tier consumers are verified with as their tenant's plan, writing only when it would
 * change what this instance last stored: authentication is a hot path and must not write per
 * request. What is remembered is bounded ({@link #MAX_TENANTS}) and forgotten after
 * {@link #RECHECK_AFTER}, so a change recorded by another instance is corrected here soon after.
 */
final class PlanSightings {

    static final int MAX_TENANTS = 10_000;
    static final Duration RECHECK_AFTER = Duration.ofMinutes(10);

    private final TenantAccountPort accounts;
    private final ConcurrentHashMap<TenantId, Stored> stored = new ConcurrentHashMap<>();

    private record Stored(ZaruTier plan, Instant recheckAt) {
    }

    /** @param accounts where plans go; {@code null} records nothing */
    PlanSightings(TenantAccountPort accounts) {
        this.accounts = accounts;
    }

    void seen(Identity identity, Instant now) {
        if (accounts == null || !(identity instanceof Identity.ZaruUser user)
                || TenantScope.SYSTEM.equals(user.tenantId())) {
            return;
        }
        TenantId tenant = user.tenantId();
        Stored last = stored.get(tenant);
        if (last != null && now.isBefore(last.recheckAt())
                && TenantAccount.planAfterSeeing(tenant, Optional.of(last.plan()), user.tier()) == last.plan()) {
            return;
        }
        TenantAccount account = accounts.recordPlanSeen(tenant, user.tier(), now);
        if (stored.size() >= MAX_TENANTS) {
            stored.clear();
        }
        stored.put(tenant, new Stored(account.plan(), now.plus(RECHECK_AFTER)));
    }
}
