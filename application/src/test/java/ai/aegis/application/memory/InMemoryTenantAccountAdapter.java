package ai.aegis.application.memory;

import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Tenant and user accounts in maps. Thread-safe; counts plan writes so tests see the hot path's cost. */
public final class InMemoryTenantAccountAdapter implements TenantAccountPort {

    private record UserKey(TenantId tenant, String subject) {
    }

    private final Map<TenantId, TenantAccount> tenants = new HashMap<>();
    private final Map<UserKey, UserAccount> users = new HashMap<>();
    private final Set<TenantId> suspendedTenants = new HashSet<>();
    private int planCalls;

    private static final Comparator<TenantId> TENANT_ORDER = Comparator.comparing(TenantId::value);
    private static final Comparator<UserAccount> USER_ORDER = Comparator.comparing((UserAccount u) -> u.tenantId().value())
            .thenComparing(UserAccount::subject);

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

    @Override
    public synchronized List<TenantAccount> listTenants(Optional<TenantId> after, int limit) {
        requireLimit(limit);
        return tenants.values().stream()
                .filter(account -> after.isEmpty() || TENANT_ORDER.compare(account.tenantId(), after.get()) > 0)
                .sorted(Comparator.comparing(TenantAccount::tenantId, TENANT_ORDER))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<UserAccount> listUsers(Optional<TenantId> tenant, Optional<UserAccountKey> after,
            int limit) {
        requireLimit(limit);
        List<UserAccount> sorted = new ArrayList<>(users.values());
        sorted.sort(USER_ORDER);
        return sorted.stream()
                .filter(user -> tenant.isEmpty() || user.tenantId().equals(tenant.get()))
                .filter(user -> after.isEmpty() || USER_ORDER.compare(user,
                        UserAccount.standard(after.get().tenantId(), after.get().subject())) > 0)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized boolean tenantSuspended(TenantId tenant) {
        return suspendedTenants.contains(Objects.requireNonNull(tenant, "tenant"));
    }

    @Override
    public synchronized void setTenantSuspended(TenantId tenant, boolean suspended) {
        Objects.requireNonNull(tenant, "tenant");
        if (suspended) {
            suspendedTenants.add(tenant);
        } else {
            suspendedTenants.remove(tenant);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one account");
        }
    }

    /** How many times {@link #recordPlanSeen} was called. */
    public synchronized int planCalls() {
        return planCalls;
    }
}
