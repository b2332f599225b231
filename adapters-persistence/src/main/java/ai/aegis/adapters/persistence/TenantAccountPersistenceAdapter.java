package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Tenant and user accounts in PostgreSQL ({@code tenant_account}, {@code user_account}). Every
 * statement runs in {@link TenantTransactions#inTenant} and names the tenant in its {@code WHERE}
 * clause. Recording a plan locks the tenant's row, so concurrent recordings from several instances
 * apply the domain rule one after the other.
 *
 * <p>The listings read across tenants ({@link TenantTransactions#acrossTenants}) for operator
 * administration; they page by key in byte order ({@code COLLATE "C"}, the order Java compares
 * strings in), so a page boundary never depends on the database's locale. A suspended tenant is a
 * row of {@code tenant_suspension}.
 */
public final class TenantAccountPersistenceAdapter implements TenantAccountPort {

    private final TenantTransactions transactions;

    public TenantAccountPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public TenantAccount recordPlanSeen(TenantId tenant, ZaruTier tier, Instant at) {
        TenantAccount first = TenantAccount.firstSeen(tenant, tier, Objects.requireNonNull(at, "at")
                .truncatedTo(ChronoUnit.MICROS));
        return transactions.inTenant(tenant, handle -> {
            int inserted = handle.createUpdate("""
                            INSERT INTO tenant_account (tenant_id, plan, recorded_at) VALUES (:tenant, :plan, :at)
                            ON CONFLICT (tenant_id) DO NOTHING""")
                    .bind("tenant", tenant.value())
                    .bind("plan", tier.slug())
                    .bind("at", OffsetDateTime.ofInstant(first.recordedAt(), ZoneOffset.UTC))
                    .execute();
            if (inserted == 1) {
                return first;
            }
            TenantAccount current = handle.createQuery(
                            "SELECT plan, recorded_at FROM tenant_account WHERE tenant_id = :tenant FOR UPDATE")
                    .bind("tenant", tenant.value())
                    .map((rs, ctx) -> new TenantAccount(tenant, ZaruTier.parse(rs.getString("plan")),
                            rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                    .one();
            TenantAccount next = current.afterSeeing(tier, first.recordedAt());
            if (!next.equals(current)) {
                handle.createUpdate("UPDATE tenant_account SET plan = :plan, recorded_at = :at WHERE tenant_id = :tenant")
                        .bind("tenant", tenant.value())
                        .bind("plan", next.plan().slug())
                        .bind("at", OffsetDateTime.ofInstant(next.recordedAt(), ZoneOffset.UTC))
                        .execute();
            }
            return next;
        });
    }

    @Override
    public Optional<TenantAccount> tenant(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return transactions.inTenant(tenant, handle -> handle.createQuery(
                        "SELECT plan, recorded_at FROM tenant_account WHERE tenant_id = :tenant")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> new TenantAccount(tenant, ZaruTier.parse(rs.getString("plan")),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    @Override
    public UserAccount user(TenantId tenant, String subject) {
        UserAccount standard = UserAccount.standard(tenant, subject);
        return transactions.inTenant(tenant, handle -> handle.createQuery("""
                        SELECT tier_override, byok, suspended FROM user_account
                        WHERE tenant_id = :tenant AND subject = :subject""")
                .bind("tenant", tenant.value())
                .bind("subject", subject)
                .map((rs, ctx) -> new UserAccount(tenant, subject,
                        Optional.ofNullable(rs.getString("tier_override")).map(ZaruTier::parse),
                        rs.getBoolean("byok"), rs.getBoolean("suspended")))
                .findOne()
                .orElse(standard));
    }

    @Override
    public void saveUser(UserAccount account) {
        Objects.requireNonNull(account, "account");
        transactions.inTenant(account.tenantId(), handle -> handle.createUpdate("""
                        INSERT INTO user_account (tenant_id, subject, tier_override, byok, suspended)
                        VALUES (:tenant, :subject, :tier, :byok, :suspended)
                        ON CONFLICT (tenant_id, subject) DO UPDATE
                            SET tier_override = EXCLUDED.tier_override, byok = EXCLUDED.byok,
                                suspended = EXCLUDED.suspended
                            WHERE user_account.tenant_id = :tenant""")
                .bind("tenant", account.tenantId().value())
                .bind("subject", account.subject())
                .bind("tier", account.tierOverride().map(ZaruTier::slug).orElse(null))
                .bind("byok", account.byok())
                .bind("suspended", account.suspended())
                .execute());
    }

    @Override
    public List<TenantAccount> listTenants(Optional<TenantId> after, int limit) {
        Objects.requireNonNull(after, "after");
        requireLimit(limit);
        return transactions.acrossTenants("operator administration lists tenants", handle -> handle.createQuery("""
                        SELECT tenant_id, plan, recorded_at FROM tenant_account
                        WHERE (CAST(:after AS TEXT) IS NULL OR tenant_id COLLATE "C" > :after)
                        ORDER BY tenant_id COLLATE "C" LIMIT :limit""")
                .bind("after", after.map(TenantId::value).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> new TenantAccount(TenantId.of(rs.getString("tenant_id")),
                        ZaruTier.parse(rs.getString("plan")),
                        rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
                .list());
    }

    @Override
    public List<UserAccount> listUsers(Optional<TenantId> tenant, Optional<UserAccountKey> after, int limit) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(after, "after");
        requireLimit(limit);
        String sql = """
                SELECT tenant_id, subject, tier_override, byok, suspended FROM user_account
                WHERE (CAST(:tenant AS TEXT) IS NULL OR tenant_id = :tenant)
                  AND (CAST(:afterTenant AS TEXT) IS NULL
                       OR (tenant_id COLLATE "C", subject COLLATE "C") > (:afterTenant, :afterSubject))
                ORDER BY tenant_id COLLATE "C", subject COLLATE "C" LIMIT :limit""";
        HandleCallback<List<UserAccount>, RuntimeException> query = handle -> handle.createQuery(sql)
                .bind("tenant", tenant.map(TenantId::value).orElse(null))
                .bind("afterTenant", after.map(key -> key.tenantId().value()).orElse(null))
                .bind("afterSubject", after.map(UserAccountKey::subject).orElse(null))
                .bind("limit", limit)
                .map((rs, ctx) -> new UserAccount(TenantId.of(rs.getString("tenant_id")), rs.getString("subject"),
                        Optional.ofNullable(rs.getString("tier_override")).map(ZaruTier::parse),
                        rs.getBoolean("byok"), rs.getBoolean("suspended")))
                .list();
        return tenant.isPresent() ? transactions.inTenant(tenant.get(), query)
                : transactions.acrossTenants("operator administration lists users", query);
    }

    @Override
    public boolean tenantSuspended(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return transactions.inTenant(tenant, handle -> handle.createQuery(
                        "SELECT EXISTS (SELECT 1 FROM tenant_suspension WHERE tenant_id = :tenant)")
                .bind("tenant", tenant.value())
                .mapTo(Boolean.class)
                .one());
    }

    @Override
    public void setTenantSuspended(TenantId tenant, boolean suspended) {
        Objects.requireNonNull(tenant, "tenant");
        transactions.inTenant(tenant, handle -> handle.createUpdate(suspended
                        ? "INSERT INTO tenant_suspension (tenant_id) VALUES (:tenant) ON CONFLICT (tenant_id) DO NOTHING"
                        : "DELETE FROM tenant_suspension WHERE tenant_id = :tenant")
                .bind("tenant", tenant.value())
                .execute());
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one account");
        }
    }
}
