package ai.aegis.adapters.persistence;

import static ai.aegis.adapters.persistence.ExecutionTestTrees.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The database's one-statement cascade and the domain's {@link ExecutionTree#cancel} agree on every
 * tree shape, mix of statuses and target: the same executions change, in the same way.
 */
class ExecutionCascadeCancelPropertiesTest {

    private static final TenantId TENANT = ContractFixtures.TENANT_A;
    private static final AtomicInteger TREES = new AtomicInteger();
    private static PostgresPersistence persistence;

    @BeforeContainer
    static void start() {
        persistence = PostgresPersistence.start(EmbeddedPostgresSupport.freshDatabase());
    }

    @AfterContainer
    static void stop() {
        persistence.close();
    }

    @Property(tries = 40)
    void cancelSubtree_anyTreeStatusesAndTarget_sameChangeAsTheDomain(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(max = 1_000_000) Integer> seeds,
            @ForAll @IntRange(max = 1_000_000) int targetSeed) {
        ExecutionPersistenceAdapter adapter = new ExecutionPersistenceAdapter(persistence.jdbi());
        ExecutionStatus[] statuses = ExecutionStatus.values();
        String root = "p" + TREES.incrementAndGet();
        List<Execution> nodes = ExecutionTestTrees.store(adapter, TENANT, root, seeds.size(), i -> seeds.get(i) % i,
                i -> statuses[(seeds.get(i) / 64) % statuses.length]);
        ExecutionId target = nodes.get(targetSeed % nodes.size()).id();
        ExecutionTree before = adapter.loadTree(TENANT, target, Integer.MAX_VALUE).orElseThrow();
        Instant at = NOW.plusSeconds(60);

        List<Execution> cancelled = cancelled(adapter, TENANT, target, at);

        TreeChange expected = before.cancel(target, at);
        assertThat(cancelled).containsExactlyInAnyOrderElementsOf(expected.changed());
        assertThat(adapter.loadTree(TENANT, target, Integer.MAX_VALUE)).contains(expected.tree());
    }

    private static List<Execution> cancelled(ExecutionPersistenceAdapter adapter, TenantId tenant, ExecutionId id, Instant at) {
        return adapter.cancelSubtree(tenant, id, at).stream().map(ExecutionRepositoryPort.Transition::to).toList();
    }
}
