package ai.aegis.adapters.persistence;

import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.RateLimitCounterPortContract;
import ai.aegis.application.port.out.RateCounterOutcome;
import ai.aegis.application.port.out.RateLimitCounterPort;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.RateLimitKey;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.limits.RateWindow;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rate counter contract against PostgreSQL as the service's own role (row-level security on),
 * plus what only the database adds: two instances (two pools on one database) share the counts
 * exactly, counters are tenant-isolated by the database itself, and the schema refuses bad rows.
 */
class RateLimitCounterPersistenceAdapterTest extends RateLimitCounterPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected RateLimitCounterPort newCounterPort() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE rate_limit_counter"));
        return new RateLimitCounterPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    private static long rows() {
        return DATABASE.owner().withHandle(h -> h.createQuery("SELECT coalesce(sum(used), 0) FROM rate_limit_counter")
                .mapTo(Long.class).one());
    }

    @Test
    void tryAddAll_fiftyConcurrentCallersOnTwoInstances_exactlyTheLimitAdmitted() throws Exception {
        RateLimitCounterPort first = newCounterPort();
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings()
                .withAppRole(PostgresPersistence.APP_ROLE))) {
            RateLimitCounterPort second = new RateLimitCounterPersistenceAdapter(other.jdbi());

            List<RateCounterOutcome> outcomes = race(List.of(first, second), TENANT_A, "alice",
                    List.of(perMinute(100), perDay(20)));

            assertThat(outcomes.stream().filter(RateCounterOutcome::isAdmitted).count()).isEqualTo(20);
            assertThat(rows()).as("20 in the minute plus 20 in the day; refused racers left nothing")
                    .isEqualTo(40);
        }
    }

    @Test
    void tryAddAll_fiftyConcurrentCallersOnTwoInstancesSingleWindow_exactlyTheLimitAdmitted() throws Exception {
        RateLimitCounterPort first = newCounterPort();
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings()
                .withAppRole(PostgresPersistence.APP_ROLE))) {
            RateLimitCounterPort second = new RateLimitCounterPersistenceAdapter(other.jdbi());

            List<RateCounterOutcome> outcomes = race(List.of(first, second), TENANT_B, "bob", List.of(perMinute(3)));

            assertThat(outcomes.stream().filter(RateCounterOutcome::isAdmitted).count()).isEqualTo(3);
            assertThat(rows()).isEqualTo(3);
        }
    }

    @Test
    void counters_otherTenantsRows_invisibleWithoutWhereClause() {
        RateLimitCounterPort counters = newCounterPort();
        counters.tryAddAll(TENANT_A, "alice", List.of(perMinute(5)));
        counters.tryAddAll(TENANT_B, "bob", List.of(perMinute(5), perDay(5)));
        TenantTransactions transactions = new TenantTransactions(DATABASE.persistence().jdbi());

        List<String> seenByB = transactions.inTenant(TENANT_B, h -> h.createQuery(
                "SELECT tenant_id FROM rate_limit_counter").mapTo(String.class).list());
        long seenWithoutTenant = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM rate_limit_counter").mapTo(Long.class).one());

        assertThat(seenByB).hasSize(2).containsOnly(TENANT_B.value());
        assertThat(seenWithoutTenant).isZero();
    }

    @Test
    void limitRateOverride_otherTenantsRows_invisibleWithoutWhereClause() {
        LimitOverridesPersistenceAdapter overrides = new LimitOverridesPersistenceAdapter(DATABASE.persistence().jdbi());
        RateLimitKey llmDay = RateLimitKey.of(RateLimitedResource.LLM_CALL, RateWindow.DAY);
        overrides.setTenant(TENANT_A, LimitOverrides.none().withRateLimit(llmDay, CountLimit.of(1)));
        overrides.setUser(TENANT_B, "bob", LimitOverrides.none().withRateLimit(llmDay, CountLimit.of(2)));
        TenantTransactions transactions = new TenantTransactions(DATABASE.persistence().jdbi());

        List<String> seenByB = transactions.inTenant(TENANT_B, h -> h.createQuery(
                "SELECT tenant_id FROM limit_rate_override").mapTo(String.class).list());

        assertThat(seenByB).containsExactly(TENANT_B.value());
    }

    @Test
    void write_otherTenantsCounterFromTenantTransaction_refusedByTheDatabase() {
        newCounterPort();
        TenantTransactions transactions = new TenantTransactions(DATABASE.persistence().jdbi());

        assertThatThrownBy(() -> transactions.inTenant(TENANT_B, h -> h.execute(
                "INSERT INTO rate_limit_counter (tenant_id, subject, counter, window_start, window_end, used) VALUES "
                        + "(?, 'alice', 'agent_execution.minute', now(), now() + interval '1 minute', 0)",
                TENANT_A.value()))).isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void directInsert_negativeCountOrEmptyWindow_refusedByTheDatabase() {
        newCounterPort();

        assertThatThrownBy(() -> DATABASE.owner().useHandle(h -> h.execute(
                "INSERT INTO rate_limit_counter (tenant_id, subject, counter, window_start, window_end, used) VALUES "
                        + "('t', 's', 'c', now(), now() + interval '1 minute', -1)")))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThatThrownBy(() -> DATABASE.owner().useHandle(h -> h.execute(
                "INSERT INTO rate_limit_counter (tenant_id, subject, counter, window_start, window_end, used) VALUES "
                        + "('t', 's', 'c', now(), now(), 1)")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
