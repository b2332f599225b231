package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V8 tables under row-level security, as the service's role: a statement that forgets its WHERE
 * clause sees only its own tenant; the retention mark and the audit rows cannot be changed by the
 * service except through the retention function, and that only for its own tenant.
 */
class AccountsAndRetentionRowLevelSecurityTest {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();
    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;
    private static final Instant OLD = Instant.parse("2025-01-01T00:00:00Z");
    private static TenantTransactions transactions;

    @BeforeAll
    static void seed() {
        transactions = new TenantTransactions(DATABASE.persistence().jdbi());
        TenantAccountPersistenceAdapter accounts = new TenantAccountPersistenceAdapter(DATABASE.persistence().jdbi());
        AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(DATABASE.persistence().jdbi());
        AuditRetentionPersistenceAdapter retention = new AuditRetentionPersistenceAdapter(DATABASE.persistence().jdbi());
        for (TenantId tenant : List.of(A, B)) {
            accounts.recordPlanSeen(tenant, ZaruTier.PRO, OLD);
            accounts.saveUser(UserAccount.standard(tenant, "user-1").withByok(true));
            audit.record(new AuditRecord("user-1", IdentityKind.ZARU_USER, tenant, "tool.call", Optional.empty(),
                    AuditDecision.ALLOWED, "policy.allowed", OLD));
            audit.record(new AuditRecord("user-1", IdentityKind.ZARU_USER, tenant, "tool.call", Optional.empty(),
                    AuditDecision.ALLOWED, "policy.allowed", OLD.plusSeconds(60)));
            retention.purgeOlderThan(tenant, OLD.plusSeconds(1), purge -> new AuditRecord("aegis-retention",
                    IdentityKind.OPERATOR, tenant, "audit.retention", Optional.of(purge.describe()), AuditDecision.ALLOWED,
                    "retention.applied", OLD.plusSeconds(120)));
        }
    }

    private static long count(String table, TenantId tenant) {
        return transactions.inTenant(tenant, h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Test
    void queryWithoutWhereClause_inTenantB_seesOnlyTenantBRowsOfEveryNewTable() {
        for (String table : List.of("tenant_account", "user_account", "audit_retention_mark")) {
            assertThat(count(table, B)).as(table).isEqualTo(1);
            List<String> tenants = transactions.inTenant(B, h -> h.createQuery("SELECT tenant_id FROM " + table)
                    .mapTo(String.class).list());
            assertThat(tenants).as(table).containsOnly(B.value());
        }
    }

    @Test
    void serviceRole_writeRetentionMarkOrDeleteAuditRows_refused() {
        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.execute(
                "UPDATE audit_retention_mark SET through_seq = 1 WHERE tenant_id = ?", A.value())))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.execute(
                "DELETE FROM audit_log WHERE tenant_id = ?", A.value())))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.execute("DELETE FROM audit_retention_mark")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("permission denied");
    }

    @Test
    void retentionFunction_forAnotherTenantThanTheTransactions_refusedNothingRemoved() {
        long before = count("audit_log", B);

        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.createQuery(
                        "SELECT out_removed FROM aegis_apply_audit_retention(:tenant, :cutoff)")
                .bind("tenant", B.value())
                .bind("cutoff", java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"))
                .mapTo(Long.class).findOne()))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("must run in a transaction scoped");
        assertThat(count("audit_log", B)).isEqualTo(before);
    }
}
