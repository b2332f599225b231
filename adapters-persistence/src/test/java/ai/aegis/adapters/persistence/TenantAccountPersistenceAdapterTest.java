package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.TenantAccountPortContract;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.tenancy.TenantAccount;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The tenant account contract against PostgreSQL as the service's own role, plus what the schema refuses. */
class TenantAccountPersistenceAdapterTest extends TenantAccountPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected TenantAccountPort newTenantAccounts() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE tenant_account, user_account, tenant_suspension"));
        return new TenantAccountPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Test
    void recordPlanSeen_instantWithNanoseconds_storedAndAnsweredInMicroseconds() {
        TenantAccountPort accounts = newTenantAccounts();
        TenantId org = TenantId.of("acme-labs");

        TenantAccount stored = accounts.recordPlanSeen(org, ZaruTier.PRO, Instant.parse("2026-01-01T00:00:00.123456789Z"));

        assertThat(stored.recordedAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00.123456Z"));
        assertThat(accounts.tenant(org)).contains(stored);
    }

    @Test
    void directInsert_operatorTenantPlanOrUnknownTier_refusedByTheDatabase() {
        newTenantAccounts();
        assertThatThrownBy(() -> DATABASE.owner().useHandle(h -> h.execute(
                "INSERT INTO tenant_account (tenant_id, plan, recorded_at) VALUES ('aegis-system', 'pro', now())")))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> DATABASE.owner().useHandle(h -> h.execute(
                "INSERT INTO tenant_account (tenant_id, plan, recorded_at) VALUES ('acme-labs', 'gold', now())")))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> DATABASE.owner().useHandle(h -> h.execute(
                "INSERT INTO user_account (tenant_id, subject, tier_override) VALUES ('aegis-system', 'sre-1', 'pro')")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
