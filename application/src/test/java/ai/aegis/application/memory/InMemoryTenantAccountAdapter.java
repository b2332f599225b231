package ai.aegis.application.memory;

import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Tenant and user accounts in maps. Thread-safe; counts plan writes so tests see the hot path's cost. */
public final class InMemoryTenantAccountAdapter implements TenantAccountPort {

    private record UserKey(TenantId tenant, String subject) {
    }

    private final Map<TenantId, TenantAccount> tenants = new HashMap<>();
    private final Map<UserKey, UserAccount> users = new HashMap<>();
    private int planCalls;

    @Override
    public synchronized TenantAccount recordPlanSeen(TenantId tenant, ZaruTier tier, Instant at) {
        planCalls++;
        TenantAccount current = tenants.get(tenant);
        TenantAccount next = current == null ? TenantAccount.firstSeen(tenant, tier, at) : current.afterSeeing(tier, at);
        tenants.put(tenant, next);
        return next;
    }

    @Override
    public synchronized Optional<TenantAccount> tenant(TenantId tenant) {
        return Optional.ofNullable(tenants.get(Objects.requireNonNull(tenant, "tenant")));
    }

    @Override
    public synchronized UserAccount user(TenantId tenant, String subject) {
        UserAccount configured = users.get(new UserKey(tenant, subject));
        return configured != null ? configured : UserAccount.standard(tenant, subject);
    }

    @Override
    public synchronized void saveUser(UserAccount account) {
        users.put(new UserKey(account.tenantId(), account.subject()), account);
    }

    /** How many times {@link #recordPlanSeen} was called. */
    public synchronized int planCalls() {
        return planCalls;
    }
}
