package ai.aegis.adapters.persistence;

import static ai.aegis.adapters.persistence.ExecutionTestTrees.NARROWED;
import static ai.aegis.adapters.persistence.ExecutionTestTrees.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.ExecutionRepositoryPortContract;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.SealExecutionGrant;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The execution repository contract against PostgreSQL, plus what only this adapter offers: the SEAL
 * grant lookup across tenants and cascade cancellation as one recursive statement.
 */
class ExecutionPersistenceAdapterTest extends ExecutionRepositoryPortContract {

    private static final TenantId TENANT_A = ContractFixtures.TENANT_A;
    private static final TenantId TENANT_B = ContractFixtures.TENANT_B;

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();
    private ExecutionPersistenceAdapter adapter;

    @Override
    protected ExecutionRepositoryPort newRepository() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE iteration_event, execution CASCADE"));
        adapter = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
        return adapter;
    }

    private ExecutionTree stored(TenantId tenant, String root) {
        ExecutionTree tree = ExecutionTestTrees.root(tenant, root, "conv-" + root, 3);
        adapter.insertRoot(tree.root());
        return tree;
    }

    private ExecutionTree save(ExecutionTree before, TreeChange change) {
        adapter.saveChanges(before.tenantId(), before, change.changed());
        return change.tree();
    }

    @Test
    void findRunning_runningExecutionsOfAnyTenant_grantFromTheStoredRecord() {
        ExecutionTree a = stored(TENANT_A, "root-a");
        ExecutionTree b = stored(TENANT_B, "root-b");
        save(a, a.start(a.root().id(), NOW.plusSeconds(1)));
        save(b, b.start(b.root().id(), NOW.plusSeconds(1)));

        SealExecutionGrant grantA = adapter.findRunning("root-a").orElseThrow();
        SealExecutionGrant grantB = adapter.findRunning("root-b").orElseThrow();

        assertThat(grantA.tenantId()).isEqualTo(TENANT_A);
        assertThat(grantA.subject()).isEqualTo("user-1");
        assertThat(grantA.identityKind()).isEqualTo(IdentityKind.ZARU_USER);
        assertThat(grantA.deadline()).isEqualTo(a.root().deadline());
        assertThat(grantA.securityContext()).isEqualTo(a.root().securityContext());
        assertThat(grantB.tenantId()).isEqualTo(TENANT_B);
    }

    @Test
    void findRunning_pendingEndedOrUnknown_empty() {
        stored(TENANT_A, "pending");
        ExecutionTree ended = stored(TENANT_A, "ended");
        ExecutionTree running = save(ended, ended.start(ended.root().id(), NOW.plusSeconds(1)));
        save(running, running.complete(ended.root().id(), NOW.plusSeconds(2)));

        assertThat(adapter.findRunning("pending")).isEmpty();
        assertThat(adapter.findRunning("ended")).isEmpty();
        assertThat(adapter.findRunning("no-such-execution")).isEmpty();
        assertThat(adapter.findRunning("'; DROP TABLE execution; --")).isEmpty();
    }

    @Test
    void findRunning_narrowedChildContext_roundTripsEqual() {
        ExecutionTree tree = stored(TENANT_A, "root-1");
        ExecutionTree running = save(tree, tree.start(tree.root().id(), NOW.plusSeconds(1)));
        TreeChange spawned = running.spawnChild(tree.root().id(), NARROWED, NOW.plus(Duration.ofMinutes(10)), 1L << 20, 3,
                NOW.plusSeconds(2), ExecutionId.of("child-1"));
        ExecutionTree withChild = save(running, spawned);
        save(withChild, withChild.start(ExecutionId.of("child-1"), NOW.plusSeconds(3)));

        SealExecutionGrant grant = adapter.findRunning("child-1").orElseThrow();

        assertThat(grant.securityContext()).isEqualTo(NARROWED);
        assertThat(grant.securityContext()).isNotEqualTo(tree.root().securityContext());
        assertThat(grant.deadline()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(grant).isEqualTo(SealExecutionGrant.forExecution(
                adapter.loadTree(TENANT_A, ExecutionId.of("child-1"), 3).orElseThrow().get(ExecutionId.of("child-1"))));
    }

    @Test
    void saveChanges_treeWithNanosecondTimes_noConflictAndStoredToTheMicrosecond() {
        Instant created = NOW.plusNanos(123_456_789);
        ExecutionTree tree = ExecutionTree.startRoot(new NewRoot(ExecutionId.of("root-ns"),
                TENANT_A, "user-1", ConversationId.of("conv-ns"), NARROWED,
                created.plus(Duration.ofMinutes(5)), 1L << 20, 5), Optional.empty(), created);
        adapter.insertRoot(tree.root());

        save(tree, tree.start(tree.root().id(), created.plusNanos(1)));

        Execution loaded = adapter.loadTree(TENANT_A, tree.root().id(), 3).orElseThrow().root();
        assertThat(loaded.status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(loaded.createdAt()).isEqualTo(NOW.plusNanos(123_456_000));
    }

    @Test
    void cancelSubtree_deepAndWideTree_cancelsExactlyTheActiveSubtreeLikeTheDomain() {
        // A chain 60 deep, then a four-way fan-out below its end: 1,500 executions, every 7th already ended.
        int size = 1_500;
        List<Execution> nodes = ExecutionTestTrees.store(adapter, TENANT_A, "big", size,
                i -> i <= 60 ? i - 1 : 60 + (i - 61) / 4, ExecutionPersistenceAdapterTest::mixedStatus);
        ExecutionTree before = adapter.loadTree(TENANT_A, ExecutionId.of("big"), Integer.MAX_VALUE).orElseThrow();
        Instant at = NOW.plusSeconds(30);

        List<Execution> cancelled = cancelled(adapter, TENANT_A, ExecutionId.of("big"), at);

        List<Execution> expected = before.cancel(ExecutionId.of("big"), at).changed();
        assertThat(cancelled).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(cancelled).hasSize((int) nodes.stream().filter(Execution::isActive).count());
        assertThat(cancelled).allMatch(e -> e.status() == ExecutionStatus.CANCELLED && e.updatedAt().equals(at));
        assertThat(cancelled).isSortedAccordingTo(Comparator.comparingInt(Execution::depth));
        assertThat(adapter.countActive(TENANT_A)).isZero();
    }

    @Test
    void cancelSubtree_terminalRows_leftExactlyAsTheyWere() {
        List<Execution> nodes = ExecutionTestTrees.store(adapter, TENANT_A, "mixed", 200, i -> (i - 1) / 3,
                ExecutionPersistenceAdapterTest::mixedStatus);
        Map<ExecutionId, Execution> terminalBefore = nodes.stream().filter(Execution::isTerminal)
                .collect(Collectors.toMap(Execution::id, Function.identity()));

        List<Execution> cancelled = cancelled(adapter, TENANT_A, ExecutionId.of("mixed"), NOW.plusSeconds(30));

        ExecutionTree after = adapter.loadTree(TENANT_A, ExecutionId.of("mixed"), Integer.MAX_VALUE).orElseThrow();
        assertThat(terminalBefore).isNotEmpty();
        assertThat(cancelled).extracting(Execution::id).doesNotContainAnyElementsOf(terminalBefore.keySet());
        for (Execution terminal : terminalBefore.values()) {
            assertThat(after.get(terminal.id())).isEqualTo(terminal);
        }
    }

    @Test
    void cancelSubtree_endedExecution_reachesOnlyItsActiveDescendants() {
        // 0 root, 1 failed child of the root, 2 and 3 pending below 1, 4 running sibling of 1.
        List<Execution> nodes = ExecutionTestTrees.store(adapter, TENANT_A, "t", 5, i -> i == 2 || i == 3 ? 1 : 0,
                i -> i == 1 ? ExecutionStatus.FAILED : i == 4 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING);

        List<Execution> cancelled = cancelled(adapter, TENANT_A, nodes.get(1).id(), NOW.plusSeconds(5));

        assertThat(cancelled).extracting(e -> e.id().value()).containsExactly("t-2", "t-3");
        ExecutionTree after = adapter.loadTree(TENANT_A, ExecutionId.of("t"), Integer.MAX_VALUE).orElseThrow();
        assertThat(after.get(ExecutionId.of("t")).status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(after.get(ExecutionId.of("t-4")).status()).isEqualTo(ExecutionStatus.RUNNING);
    }

    @Test
    void cancelSubtree_twice_secondChangesNothing() {
        ExecutionTestTrees.store(adapter, TENANT_A, "again", 10, i -> (i - 1) / 2, i -> ExecutionStatus.RUNNING);

        assertThat(cancelled(adapter, TENANT_A, ExecutionId.of("again"), NOW.plusSeconds(5))).hasSize(10);
        assertThat(cancelled(adapter, TENANT_A, ExecutionId.of("again"), NOW.plusSeconds(6))).isEmpty();
    }

    @Test
    void cancelSubtree_otherTenantsExecution_notFoundAndUntouched() {
        ExecutionTestTrees.store(adapter, TENANT_A, "mine", 4, i -> 0, i -> ExecutionStatus.RUNNING);

        assertThatThrownBy(() -> cancelled(adapter, TENANT_B, ExecutionId.of("mine"), NOW.plusSeconds(5)))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found");
        assertThat(adapter.countActive(TENANT_A)).isEqualTo(4);
    }

    @Test
    void cancelSubtree_thenSaveChangesFromTheOldTree_refusedAsConcurrent() {
        ExecutionTree tree = stored(TENANT_A, "race");
        cancelled(adapter, TENANT_A, tree.root().id(), NOW.plusSeconds(5));

        TreeChange start = tree.start(tree.root().id(), NOW.plusSeconds(6));

        assertThatThrownBy(() -> adapter.saveChanges(TENANT_A, tree, start.changed()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        Map<ExecutionId, ExecutionStatus> statuses = new HashMap<>();
        adapter.loadTree(TENANT_A, tree.root().id(), 3).orElseThrow().executions()
                .forEach(e -> statuses.put(e.id(), e.status()));
        assertThat(statuses).containsEntry(tree.root().id(), ExecutionStatus.CANCELLED);
    }

    @Test
    void saveChanges_concurrentWritersFromOneTree_exactlyOneWins() throws Exception {
        ExecutionTree tree = stored(TENANT_A, "contested");
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < writers; i++) {
                TreeChange spawn = tree.spawnChild(tree.root().id(), NARROWED, NOW.plus(Duration.ofMinutes(5)), 1024, 1,
                        NOW.plusSeconds(1), ExecutionId.of("writer-" + i));
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        adapter.saveChanges(TENANT_A, tree, spawn.changed());
                    } catch (PreconditionFailedException expected) {
                        refused.incrementAndGet();
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

        assertThat(refused.get()).isEqualTo(writers - 1);
        assertThat(adapter.loadTree(TENANT_A, tree.root().id(), 3).orElseThrow().executions()).hasSize(2);
    }

    private static ExecutionStatus mixedStatus(int i) {
        if (i % 7 == 3) {
            return ExecutionStatus.COMPLETED;
        }
        if (i % 7 == 5) {
            return ExecutionStatus.FAILED;
        }
        return i % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING;
    }

    private static List<Execution> cancelled(ExecutionPersistenceAdapter adapter, TenantId tenant, ExecutionId id, Instant at) {
        return adapter.cancelSubtree(tenant, id, at).stream().map(ExecutionRepositoryPort.Transition::to).toList();
    }
}
