package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code execution_active} (V14) holds exactly the active executions, kept by triggers in step with
 * {@code execution}, so that a status change is a HOT update (no index entry written) and a cascade
 * stays cheap. Run as the service role: the triggers work under row-level security too.
 */
class ExecutionActiveFactsTest {

    private static final TenantId TENANT = TenantId.of("acme-labs");
    private static final TenantId OTHER = TenantId.of("globex");

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private ExecutionPersistenceAdapter adapter;

    @BeforeEach
    void empty() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE iteration_event, execution CASCADE"));
        adapter = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    private long activeRows(TenantId tenant) {
        return new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(tenant, handle -> handle
                .createQuery("SELECT count(*) FROM execution_active WHERE tenant_id = :tenant")
                .bind("tenant", tenant.value()).mapTo(Long.class).one());
    }

    @Test
    void insertThenCascade_activeFactsFollowTheStatuses() {
        List<Execution> tree = ExecutionTestTrees.store(adapter, TENANT, "facts", 50, i -> (i - 1) / 3,
                i -> i % 5 == 0 ? ExecutionStatus.COMPLETED : ExecutionStatus.RUNNING);
        long active = tree.stream().filter(execution -> !execution.isTerminal()).count();
        assertThat(activeRows(TENANT)).isEqualTo(active);
        assertThat(adapter.countActive(TENANT)).isEqualTo(active);

        adapter.cancelSubtree(TENANT, tree.get(0).id(), Instant.now());

        assertThat(activeRows(TENANT)).isZero();
        assertThat(adapter.countActive(TENANT)).isZero();
        assertThat(adapter.findActiveRoot(TENANT, tree.get(0).conversationId())).isEmpty();
    }

    @Test
    void select_asAnotherTenant_seesNoActiveFacts() {
        ExecutionTestTrees.store(adapter, TENANT, "hidden", 5, i -> 0, i -> ExecutionStatus.RUNNING);

        assertThat(activeRows(OTHER)).isZero();
        long unfiltered = new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(OTHER, handle -> handle
                .createQuery("SELECT count(*) FROM execution_active").mapTo(Long.class).one());
        assertThat(unfiltered).isZero();
    }

    @Test
    void statusChange_ofEveryMember_isAHotUpdateWritingNoIndexEntry() {
        ExecutionTestTrees.store(adapter, TENANT, "hot", 200, i -> 0, i -> ExecutionStatus.RUNNING);

        List<Long> counts = DATABASE.owner().inTransaction(handle -> {
            handle.execute("UPDATE execution SET status = 'CANCELLED' WHERE root_id = 'hot'");
            return handle.createQuery("SELECT pg_stat_get_xact_tuples_updated('execution'::regclass)"
                    + " UNION ALL SELECT pg_stat_get_xact_tuples_hot_updated('execution'::regclass)")
                    .mapTo(Long.class).list();
        });

        assertThat(counts).as("rows updated, of which HOT").containsExactly(200L, 200L);
    }
}
