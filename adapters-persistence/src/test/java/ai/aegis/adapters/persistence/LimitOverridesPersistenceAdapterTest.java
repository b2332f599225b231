package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.LimitOverridesPortContract;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;
import java.time.Duration;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The limit overrides contract against PostgreSQL, plus what the schema itself refuses. */
class LimitOverridesPersistenceAdapterTest extends LimitOverridesPortContract {

    private static final TenantId ORG = TenantId.of("acme-labs");

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();
    private LimitOverridesPersistenceAdapter adapter;

    @Override
    protected LimitOverridesPort newLimitOverridesPort() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE limit_override"));
        adapter = new LimitOverridesPersistenceAdapter(DATABASE.persistence().jdbi());
        return adapter;
    }

    @Override
    protected void configureTenant(TenantId tenantId, LimitOverrides value) {
        adapter.setTenant(tenantId, value);
    }

    @Override
    protected void configureUser(TenantId tenantId, String subject, LimitOverrides value) {
        adapter.setUser(tenantId, subject, value);
    }

    @Test
    void setUser_emptySubject_refused() {
        assertThatThrownBy(() -> adapter.setUser(ORG, "", LimitOverrides.none().withMaxIterations(5)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("limits.subject_invalid");
    }

    @Test
    void setTenantAndUsers_oneRowEach() {
        adapter.setTenant(ORG, LimitOverrides.none().withMaxIterations(5));
        adapter.setTenant(ORG, LimitOverrides.none().withMaxIterations(6));
        adapter.setUser(ORG, "alice", LimitOverrides.none().withMaxIterations(7));
        adapter.setUser(ORG, "alice", LimitOverrides.none().withMaxIterations(8));
        adapter.setUser(ORG, "bob", LimitOverrides.none().withMaxIterations(9));

        int rows = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM limit_override WHERE tenant_id = 'acme-labs'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void read_durationWrittenByHandAsDecimalSeconds_exact() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute(
                "INSERT INTO limit_override (tenant_id, execution_timeout_s) VALUES ('acme-labs', 5400.25)"));

        assertThat(adapter.forTenant(ORG).executionTimeout()).contains(Duration.ofMinutes(90).plusMillis(250));
    }

    @Test
    void directInsert_countLimitBothNumberAndUnlimited_refusedByTheDatabase() {
        assertThatThrownBy(() -> DATABASE.persistence().jdbi().useHandle(h -> h.execute(
                "INSERT INTO limit_override (tenant_id, volume_count, volume_count_unlimited) "
                        + "VALUES ('acme-labs', 3, TRUE)")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void directInsert_secondTenantRow_refusedByTheDatabase() {
        adapter.setTenant(ORG, LimitOverrides.none().withMaxIterations(5));

        assertThatThrownBy(() -> DATABASE.persistence().jdbi().useHandle(h -> h.execute(
                "INSERT INTO limit_override (tenant_id, max_iterations) VALUES ('acme-labs', 6)")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
