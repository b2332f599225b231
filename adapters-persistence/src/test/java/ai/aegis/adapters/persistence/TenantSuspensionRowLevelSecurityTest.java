package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V15 table under row-level security, as the service's role: a tenant's transaction sees and
 * changes only its own suspension; the operator tenant can never be suspended.
 */
class TenantSuspensionRowLevelSecurityTest {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();
    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;
    private static TenantTransactions transactions;

    @BeforeAll
    static void seed() {
        transactions = new TenantTransactions(DATABASE.persistence().jdbi());
        TenantAccountPersistenceAdapter accounts = new TenantAccountPersistenceAdapter(DATABASE.persistence().jdbi());
        accounts.setTenantSuspended(A, true);
        accounts.setTenantSuspended(B, true);
    }

    @Test
    void queryWithoutWhereClause_inTenantB_seesOnlyTenantBSuspension() {
        List<String> tenants = transactions.inTenant(B, h -> h.createQuery("SELECT tenant_id FROM tenant_suspension")
                .mapTo(String.class).list());

        assertThat(tenants).containsExactly(B.value());
    }

    @Test
    void deleteWithoutWhereClause_inTenantB_leavesTenantASuspended() {
        TenantId c = TenantId.of("charlie-labs");
        TenantAccountPersistenceAdapter accounts = new TenantAccountPersistenceAdapter(DATABASE.persistence().jdbi());
        accounts.setTenantSuspended(c, true);

        transactions.inTenant(c, h -> h.execute("DELETE FROM tenant_suspension"));

        assertThat(accounts.tenantSuspended(c)).isFalse();
        assertThat(accounts.tenantSuspended(A)).isTrue();
    }

    @Test
    void insertForAnotherTenant_orTheOperatorTenant_refused() {
        assertThatThrownBy(() -> transactions.inTenant(B, h -> h.execute(
                "INSERT INTO tenant_suspension (tenant_id) VALUES (?)", "other-tenant")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("row-level security");
        assertThatThrownBy(() -> transactions.acrossTenants("test", h -> h.execute(
                "INSERT INTO tenant_suspension (tenant_id) VALUES ('aegis-system')")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
