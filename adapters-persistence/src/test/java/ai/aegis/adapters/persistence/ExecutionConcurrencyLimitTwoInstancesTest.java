package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.security.BuiltInContexts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two service instances (two connection pools, the service's own role) share one database: 50
 * threads racing to start roots and spawn children of one owner are admitted exactly up to the
 * owner's cap, because the count and the insert happen under the owner's advisory lock.
 */
class ExecutionConcurrencyLimitTwoInstancesTest {

    private static final TenantId TENANT = ContractFixtures.TENANT_A;

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private static ExecutionTree tree(String owner, String root) {
        return ExecutionTree.startRoot(new NewRoot(ExecutionId.of(root), TENANT, owner, ConversationId.of("conv-" + root),
                BuiltInContexts.AGENT_RUNTIME, ExecutionTestTrees.NOW.plus(Duration.ofHours(1)), 1L << 20, 5),
                Optional.empty(), ExecutionTestTrees.NOW);
    }

    @Test
    void startAndSpawn_fiftyThreadsOnTwoInstances_exactlyTheCapAdmitted() throws Exception {
        int cap = 25;
        int existing = 10;
        try (PostgresPersistence second = PostgresPersistence.start(
                DATABASE.settings().withAppRole(PostgresPersistence.APP_ROLE))) {
            ExecutionPersistenceAdapter instanceA = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
            ExecutionPersistenceAdapter instanceB = new ExecutionPersistenceAdapter(second.jdbi());
            List<ExecutionTree> trees = new ArrayList<>();
            for (int i = 0; i < existing; i++) {
                ExecutionTree tree = tree("alice", "tree-" + i);
                instanceA.insertRoot(tree.root());
                trees.add(tree);
            }
            // Another owner of the same tenant fills nothing of alice's cap.
            instanceB.insertRoot(tree("bob", "bob-1").root(), CountLimit.of(1));

            int contenders = 50;
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger limitRefusals = new AtomicInteger();
            AtomicInteger conflicts = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            try {
                for (int i = 0; i < contenders; i++) {
                    int n = i;
                    ExecutionPersistenceAdapter instance = n % 4 < 2 ? instanceA : instanceB;
                    futures.add(pool.submit(() -> {
                        go.await();
                        try {
                            if (n % 2 == 0) {
                                instance.insertRoot(tree("alice", "new-" + n).root(), CountLimit.of(cap));
                            } else {
                                ExecutionTree tree = trees.get(n / 2 % existing);
                                TreeChange child = tree.spawnChild(tree.root().id(), tree.root().securityContext(),
                                        tree.root().deadline(), tree.root().memoryBytes(), tree.root().maxIterations(),
                                        ExecutionTestTrees.NOW.plusSeconds(1), ExecutionId.of("child-" + n));
                                instance.saveChanges(TENANT, tree, child.changed(), CountLimit.of(cap));
                            }
                        } catch (LimitExceededException refused) {
                            limitRefusals.incrementAndGet();
                        } catch (PreconditionFailedException lostTheTree) {
                            conflicts.incrementAndGet();
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }

            long aliceActive = DATABASE.owner().withHandle(h -> h.createQuery("SELECT count(*) FROM execution"
                    + " WHERE owner_subject = 'alice' AND status IN ('PENDING', 'RUNNING')").mapTo(Long.class).one());
            assertThat(aliceActive).isEqualTo(cap);
            assertThat(limitRefusals.get() + conflicts.get()).isEqualTo(contenders - (cap - existing));
            assertThat(limitRefusals.get()).isPositive();
            assertThat(instanceB.countActive(TENANT)).isEqualTo(cap + 1);
        }
    }
}
