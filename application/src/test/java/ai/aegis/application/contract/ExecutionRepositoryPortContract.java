package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static ai.aegis.application.contract.ContractFixtures.newTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.limits.CountLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionRepositoryPort} adapter must do; subclass it per adapter. */
public abstract class ExecutionRepositoryPortContract {

    private ExecutionRepositoryPort repository;

    /** A fresh, empty repository. */
    protected abstract ExecutionRepositoryPort newRepository();

    @BeforeEach
    void setUpRepository() {
        repository = newRepository();
    }

    private ExecutionTree storedTree(String root, String conversation) {
        ExecutionTree tree = newTree(TENANT_A, root, conversation);
        repository.insertRoot(tree.root());
        return tree;
    }

    private TreeChange spawn(ExecutionTree tree, String parent, String child) {
        Execution p = tree.get(ExecutionId.of(parent));
        return tree.spawnChild(p.id(), p.securityContext(), p.deadline(), p.memoryBytes(), p.maxIterations(),
                NOW.plusSeconds(1), ExecutionId.of(child));
    }

    @Test
    void insertRoot_thenLoadTree_returnsIt() {
        ExecutionTree tree = storedTree("root-1", "conv-1");

        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("root-1"), 3)).contains(tree);
        assertThat(repository.findActiveRoot(TENANT_A, ConversationId.of("conv-1"))).contains(tree.root());
    }

    @Test
    void insertRoot_secondActiveRootInConversation_refused() {
        storedTree("root-1", "conv-1");

        assertThatThrownBy(() -> repository.insertRoot(newTree(TENANT_A, "root-2", "conv-1").root()))
                .isInstanceOf(AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.root_active");
    }

    @Test
    void insertRoot_concurrentRootsForOneConversation_exactlyOneWins() throws Exception {
        int contenders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                Execution root = newTree(TENANT_A, "root-" + i, "conv-race").root();
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        repository.insertRoot(root);
                    } catch (AlreadyExistsException expected) {
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

        assertThat(refused.get()).isEqualTo(contenders - 1);
        assertThat(repository.countActive(TENANT_A)).isEqualTo(1);
    }

    @Test
    void insertRoot_afterPreviousRootCancelled_allowed() {
        ExecutionTree tree = storedTree("root-1", "conv-1");
        TreeChange cancelled = tree.cancel(tree.root().id(), NOW.plusSeconds(1));
        repository.saveChanges(TENANT_A, tree, cancelled.changed());

        repository.insertRoot(newTree(TENANT_A, "root-2", "conv-1").root());

        assertThat(repository.findActiveRoot(TENANT_A, ConversationId.of("conv-1")).orElseThrow().id())
                .isEqualTo(ExecutionId.of("root-2"));
    }

    @Test
    void insertRoot_duplicateId_refused() {
        storedTree("root-1", "conv-1");

        assertThatThrownBy(() -> repository.insertRoot(newTree(TENANT_A, "root-1", "conv-2").root()))
                .isInstanceOf(AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.duplicate_id");
    }

    @Test
    void loadTree_otherTenant_readsAsAbsent() {
        storedTree("root-1", "conv-1");

        assertThat(repository.loadTree(TENANT_B, ExecutionId.of("root-1"), 3)).isEmpty();
        assertThat(repository.findActiveRoot(TENANT_B, ConversationId.of("conv-1"))).isEmpty();
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("nope"), 3)).isEmpty();
    }

    @Test
    void saveChanges_spawnAndCascade_storedAndLoadableFromAnyMember() {
        ExecutionTree tree = storedTree("root-1", "conv-1");
        TreeChange child = spawn(tree, "root-1", "child-1");
        repository.saveChanges(TENANT_A, tree, child.changed());
        TreeChange grandchild = spawn(child.tree(), "child-1", "grandchild-1");
        repository.saveChanges(TENANT_A, child.tree(), grandchild.changed());

        ExecutionTree loaded = repository.loadTree(TENANT_A, ExecutionId.of("grandchild-1"), 3).orElseThrow();
        assertThat(loaded).isEqualTo(grandchild.tree());

        TreeChange cancel = loaded.cancel(ExecutionId.of("root-1"), NOW.plusSeconds(2));
        repository.saveChanges(TENANT_A, loaded, cancel.changed());

        ExecutionTree after = repository.loadTree(TENANT_A, ExecutionId.of("root-1"), 3).orElseThrow();
        assertThat(after.executions()).allMatch(e -> e.status() == ExecutionStatus.CANCELLED);
        assertThat(repository.countActive(TENANT_A)).isZero();
    }

    @Test
    void saveChanges_staleTree_refusedAndNothingWritten() {
        ExecutionTree tree = storedTree("root-1", "conv-1");
        TreeChange first = spawn(tree, "root-1", "child-1");
        repository.saveChanges(TENANT_A, tree, first.changed());
        TreeChange stale = tree.cancel(tree.root().id(), NOW.plusSeconds(3));

        assertThatThrownBy(() -> repository.saveChanges(TENANT_A, tree, stale.changed()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        assertThat(repository.loadTree(TENANT_A, tree.root().id(), 3).orElseThrow()).isEqualTo(first.tree());
    }

    @Test
    void countActive_countsEveryTreeOfTheTenantOnly() {
        ExecutionTree one = storedTree("root-1", "conv-1");
        storedTree("root-2", "conv-2");
        repository.insertRoot(newTree(TENANT_B, "root-3", "conv-3").root());
        TreeChange child = spawn(one, "root-1", "child-1");
        repository.saveChanges(TENANT_A, one, child.changed());

        assertThat(repository.countActive(TENANT_A)).isEqualTo(3);
        assertThat(repository.countActive(TENANT_B)).isEqualTo(1);
    }

    @Test
    void saveChanges_iterationAndTimes_roundTripExactly() {
        ExecutionTree tree = storedTree("root-1", "conv-1");
        TreeChange started = tree.start(tree.root().id(), NOW.plus(Duration.ofSeconds(5)));
        repository.saveChanges(TENANT_A, tree, started.changed());
        TreeChange counted = started.tree().recordIteration(tree.root().id(), NOW.plus(Duration.ofSeconds(6)));
        repository.saveChanges(TENANT_A, started.tree(), counted.changed());

        Execution stored = repository.loadTree(TENANT_A, tree.root().id(), 3).orElseThrow().root();
        assertThat(stored).isEqualTo(counted.tree().root());
        assertThat(stored.iterationCount()).isEqualTo(1);
    }

    /**
     * A tree with active executions below ended ones, which only a crash between two writes could
     * leave (the domain cascades), so the ends are stored without their cascade:
     * <pre>
     * t (Running) ─ c1 (Running) ─ g1 (Pending)
     *                            └ g2 (Completed) ─ h1 (Pending)
     *             └ c2 (Failed) ─ g3 (Running)
     *             └ c3 (Pending)
     * </pre>
     */
    private ExecutionTree mixedTree(String prefix) {
        ExecutionTree tree = storedTree(prefix, "conv-" + prefix);
        ExecutionTree current = save(tree, tree.start(tree.root().id(), NOW.plusSeconds(1)));
        current = save(current, spawn(current, prefix, prefix + "-c1"));
        current = save(current, spawn(current, prefix, prefix + "-c2"));
        current = save(current, spawn(current, prefix, prefix + "-c3"));
        current = save(current, spawn(current, prefix + "-c1", prefix + "-g1"));
        current = save(current, spawn(current, prefix + "-c1", prefix + "-g2"));
        current = save(current, spawn(current, prefix + "-c2", prefix + "-g3"));
        current = save(current, spawn(current, prefix + "-g2", prefix + "-h1"));
        for (String running : List.of("-c1", "-c2", "-g2", "-g3")) {
            current = save(current, current.start(ExecutionId.of(prefix + running), NOW.plusSeconds(2)));
        }
        current = saveTargetOnly(current, current.complete(ExecutionId.of(prefix + "-g2"), NOW.plusSeconds(3)));
        return saveTargetOnly(current, current.fail(ExecutionId.of(prefix + "-c2"), NOW.plusSeconds(3)));
    }

    private ExecutionTree saveTargetOnly(ExecutionTree before, TreeChange change) {
        Execution target = change.changed().get(0);
        repository.saveChanges(TENANT_A, before, List.of(target));
        return repository.loadTree(TENANT_A, target.id(), 3).orElseThrow();
    }

    private ExecutionTree save(ExecutionTree before, TreeChange change) {
        repository.saveChanges(TENANT_A, before, change.changed());
        return change.tree();
    }

    private static List<ExecutionId> idsOf(List<ExecutionRepositoryPort.Transition> transitions) {
        return transitions.stream().map(t -> t.to().id()).toList();
    }

    @Test
    void find_memberOfATree_thatExecutionInItsTenantOnly() {
        ExecutionTree tree = mixedTree("f");

        assertThat(repository.find(TENANT_A, ExecutionId.of("f-g1"))).contains(tree.get(ExecutionId.of("f-g1")));
        assertThat(repository.find(TENANT_B, ExecutionId.of("f-g1"))).isEmpty();
        assertThat(repository.find(TENANT_A, ExecutionId.of("f-nope"))).isEmpty();
    }

    @Test
    void cancelSubtree_root_cancelsExactlyTheActiveMembersLikeTheDomain() {
        ExecutionTree before = mixedTree("t");
        java.time.Instant at = NOW.plusSeconds(10);

        List<ExecutionRepositoryPort.Transition> cancelled = repository.cancelSubtree(TENANT_A, ExecutionId.of("t"), at);

        TreeChange expected = before.cancel(ExecutionId.of("t"), at);
        assertThat(cancelled).extracting(ExecutionRepositoryPort.Transition::to)
                .containsExactlyInAnyOrderElementsOf(expected.changed());
        assertThat(idsOf(cancelled)).containsExactlyInAnyOrder(ExecutionId.of("t"), ExecutionId.of("t-c1"),
                ExecutionId.of("t-c3"), ExecutionId.of("t-g1"), ExecutionId.of("t-g3"), ExecutionId.of("t-h1"));
        assertThat(cancelled.get(0).to().id()).isEqualTo(ExecutionId.of("t"));
        assertThat(cancelled).isSortedAccordingTo(java.util.Comparator.comparingInt(t -> t.to().depth()));
        assertThat(cancelled).filteredOn(t -> t.to().id().equals(ExecutionId.of("t-c1")))
                .extracting(ExecutionRepositoryPort.Transition::from).containsExactly(ExecutionStatus.RUNNING);
        assertThat(cancelled).filteredOn(t -> t.to().id().equals(ExecutionId.of("t-g1")))
                .extracting(ExecutionRepositoryPort.Transition::from).containsExactly(ExecutionStatus.PENDING);
        assertThat(cancelled).allSatisfy(t -> assertThat(t.from()).as("previous status of %s", t.to().id())
                .isEqualTo(before.get(t.to().id()).status()));
        assertThat(cancelled.get(0).statusChange().from()).contains(ExecutionStatus.RUNNING);
        assertThat(cancelled.get(0).statusChange().to()).isEqualTo(ExecutionStatus.CANCELLED);
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("t"), 3)).contains(expected.tree());
        assertThat(repository.countActive(TENANT_A)).isZero();
    }

    @Test
    void cancelSubtree_endedExecution_reachesOnlyItsActiveDescendants() {
        ExecutionTree before = mixedTree("t");

        List<ExecutionRepositoryPort.Transition> cancelled = repository.cancelSubtree(TENANT_A, ExecutionId.of("t-g2"),
                NOW.plusSeconds(10));

        assertThat(idsOf(cancelled)).containsExactly(ExecutionId.of("t-h1"));
        ExecutionTree after = repository.loadTree(TENANT_A, ExecutionId.of("t"), 3).orElseThrow();
        assertThat(after.get(ExecutionId.of("t-g2"))).isEqualTo(before.get(ExecutionId.of("t-g2")));
        assertThat(after.get(ExecutionId.of("t")).status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(after.get(ExecutionId.of("t-g1")).status()).isEqualTo(ExecutionStatus.PENDING);
    }

    @Test
    void cancelSubtree_twice_secondChangesNothing() {
        mixedTree("t");

        assertThat(repository.cancelSubtree(TENANT_A, ExecutionId.of("t-c1"), NOW.plusSeconds(10))).hasSize(3);
        assertThat(repository.cancelSubtree(TENANT_A, ExecutionId.of("t-c1"), NOW.plusSeconds(11))).isEmpty();
    }

    @Test
    void cancelSubtree_otherTenantOrUnknown_notFoundAndNothingChanged() {
        ExecutionTree before = mixedTree("t");

        assertThatThrownBy(() -> repository.cancelSubtree(TENANT_B, ExecutionId.of("t"), NOW.plusSeconds(10)))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found");
        assertThatThrownBy(() -> repository.cancelSubtree(TENANT_A, ExecutionId.of("nope"), NOW.plusSeconds(10)))
                .isInstanceOf(NotFoundException.class);
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("t"), 3)).contains(before);
    }

    @Test
    void cancelSubtree_thenSaveChangesFromTheOldTree_refusedAsConcurrent() {
        ExecutionTree before = mixedTree("t");
        repository.cancelSubtree(TENANT_A, ExecutionId.of("t-c3"), NOW.plusSeconds(10));

        TreeChange stale = before.start(ExecutionId.of("t-g1"), NOW.plusSeconds(11));

        assertThatThrownBy(() -> repository.saveChanges(TENANT_A, before, stale.changed()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
    }

    @Test
    void cancelSubtree_clockBehindUpdateTime_updateTimeNeverGoesBack() {
        ExecutionTree before = mixedTree("t");

        List<ExecutionRepositoryPort.Transition> cancelled = repository.cancelSubtree(TENANT_A, ExecutionId.of("t"), NOW);

        for (ExecutionRepositoryPort.Transition transition : cancelled) {
            assertThat(transition.to().updatedAt()).isEqualTo(before.get(transition.to().id()).updatedAt());
        }
    }

    @Test
    void finishAndCancelDescendants_runningChild_endedThenActiveDescendantsCancelledLikeTheDomain() {
        ExecutionTree before = mixedTree("t");
        java.time.Instant at = NOW.plusSeconds(10);
        Execution current = before.get(ExecutionId.of("t-c1"));
        TreeChange expected = before.complete(current.id(), at);

        List<ExecutionRepositoryPort.Transition> changed = repository.finishAndCancelDescendants(TENANT_A, current,
                current.transitionTo(ExecutionStatus.COMPLETED, at));

        assertThat(changed).extracting(ExecutionRepositoryPort.Transition::to)
                .containsExactlyInAnyOrderElementsOf(expected.changed());
        assertThat(changed.get(0).to().id()).isEqualTo(current.id());
        assertThat(changed.get(0).from()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(idsOf(changed)).containsExactly(ExecutionId.of("t-c1"), ExecutionId.of("t-g1"), ExecutionId.of("t-h1"));
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("t"), 3)).contains(expected.tree());
    }

    @Test
    void finishAndCancelDescendants_root_everyActiveMemberCancelledLikeTheDomain() {
        ExecutionTree before = mixedTree("t");
        java.time.Instant at = NOW.plusSeconds(10);
        Execution root = before.root();
        TreeChange expected = before.timeOut(root.id(), at);

        List<ExecutionRepositoryPort.Transition> changed = repository.finishAndCancelDescendants(TENANT_A, root,
                root.transitionTo(ExecutionStatus.TIMED_OUT, at));

        assertThat(changed).extracting(ExecutionRepositoryPort.Transition::to)
                .containsExactlyInAnyOrderElementsOf(expected.changed());
        assertThat(changed.get(0).to().status()).isEqualTo(ExecutionStatus.TIMED_OUT);
        assertThat(idsOf(changed)).hasSize(6);
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("t"), 3)).contains(expected.tree());
        assertThat(repository.countActive(TENANT_A)).isZero();
    }

    @Test
    void finishAndCancelDescendants_storedExecutionMovedOn_refusedAndNothingWritten() {
        ExecutionTree before = mixedTree("t");
        Execution current = before.get(ExecutionId.of("t-c1"));
        TreeChange counted = before.recordIteration(current.id(), NOW.plusSeconds(5));
        repository.saveChanges(TENANT_A, before, counted.changed());

        assertThatThrownBy(() -> repository.finishAndCancelDescendants(TENANT_A, current,
                current.transitionTo(ExecutionStatus.FAILED, NOW.plusSeconds(6))))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("t"), 3)).contains(counted.tree());
    }

    @Test
    void insertChild_parentAsStored_storedAsTheDomainSpawnsIt() {
        ExecutionTree before = mixedTree("t");
        Execution parent = before.get(ExecutionId.of("t-c1"));
        java.time.Instant at = NOW.plusSeconds(10);
        TreeChange expected = before.spawnChild(parent.id(), parent.securityContext(), parent.deadline(),
                parent.memoryBytes(), parent.maxIterations(), at, ExecutionId.of("t-g9"));

        repository.insertChild(TENANT_A, parent, parent.spawnChild(3, parent.securityContext(), parent.deadline(),
                parent.memoryBytes(), parent.maxIterations(), at, ExecutionId.of("t-g9")), CountLimit.unlimited());

        assertThat(repository.loadTree(TENANT_A, parent.id(), 3)).contains(expected.tree());
        assertThat(repository.countActive(TENANT_A)).isEqualTo(before.activeCount() + 1);
    }

    @Test
    void insertChild_parentMovedOnOrEnded_refusedAndNothingWritten() {
        ExecutionTree before = mixedTree("t");
        Execution parent = before.get(ExecutionId.of("t-c1"));
        Execution child = parent.spawnChild(3, parent.securityContext(), parent.deadline(), parent.memoryBytes(),
                parent.maxIterations(), NOW.plusSeconds(10), ExecutionId.of("t-g9"));
        repository.cancelSubtree(TENANT_A, parent.id(), NOW.plusSeconds(5));
        ExecutionTree cancelled = repository.loadTree(TENANT_A, parent.id(), 3).orElseThrow();

        assertThatThrownBy(() -> repository.insertChild(TENANT_A, parent, child, CountLimit.unlimited()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        assertThat(repository.loadTree(TENANT_A, parent.id(), 3)).contains(cancelled);
    }

    @Test
    void insertChild_ownerAtCapOrIdTaken_refusedAndNothingWritten() {
        ExecutionTree before = mixedTree("t");
        Execution parent = before.get(ExecutionId.of("t-c1"));

        assertThatThrownBy(() -> repository.insertChild(TENANT_A, parent, parent.spawnChild(3, parent.securityContext(),
                parent.deadline(), parent.memoryBytes(), parent.maxIterations(), NOW.plusSeconds(10),
                ExecutionId.of("t-g9")), CountLimit.of(before.activeCount())))
                .isInstanceOf(ai.aegis.domain.error.LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", ExecutionRepositoryPort.CONCURRENCY_LIMIT_CODE);
        assertThatThrownBy(() -> repository.insertChild(TENANT_A, parent, parent.spawnChild(3, parent.securityContext(),
                parent.deadline(), parent.memoryBytes(), parent.maxIterations(), NOW.plusSeconds(10),
                ExecutionId.of("t-c3")), CountLimit.unlimited()))
                .isInstanceOf(ai.aegis.domain.error.AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.duplicate_id");
        assertThat(repository.loadTree(TENANT_A, parent.id(), 3)).contains(before);
    }

    @Test
    void replaceActive_pendingMemberStartedAndCounted_storedAsTheDomainComputesNothingElseChanged() {
        ExecutionTree before = mixedTree("t");
        java.time.Instant at = NOW.plusSeconds(10);
        ExecutionId member = ExecutionId.of("t-c3");
        ExecutionTree expected = before.start(member, at).tree().recordIteration(member, at).tree();
        Execution current = before.get(member);

        repository.replaceActive(TENANT_A, current, current.transitionTo(ExecutionStatus.RUNNING, at).withNextIteration(at));

        assertThat(repository.loadTree(TENANT_A, member, 3)).contains(expected);
        assertThat(repository.find(TENANT_A, member).orElseThrow().iterationCount()).isEqualTo(1);
        assertThat(repository.countActive(TENANT_A)).isEqualTo(before.activeCount());
    }

    @Test
    void replaceActive_storedExecutionMovedOn_refusedAndNothingWritten() {
        ExecutionTree before = mixedTree("t");
        Execution current = before.get(ExecutionId.of("t-c1"));
        Execution counted = current.withNextIteration(NOW.plusSeconds(5));
        repository.replaceActive(TENANT_A, current, counted);

        assertThatThrownBy(() -> repository.replaceActive(TENANT_A, current, current.withNextIteration(NOW.plusSeconds(6))))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        assertThat(repository.find(TENANT_A, current.id())).contains(counted);
    }

    @Test
    void replaceActive_finalSuccessorOrForeignTenant_refusedAsAProgrammingErrorNothingWritten() {
        ExecutionTree before = mixedTree("t");
        Execution current = before.get(ExecutionId.of("t-c1"));

        assertThatThrownBy(() -> repository.replaceActive(TENANT_A, current,
                current.transitionTo(ExecutionStatus.CANCELLED, NOW.plusSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.replaceActive(TENANT_B, current, current.withNextIteration(NOW.plusSeconds(5))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.loadTree(TENANT_A, current.id(), 3)).contains(before);
    }

    private static ExecutionTree ownedTree(ai.aegis.domain.identity.TenantId tenant, String owner, String root) {
        return ExecutionTree.startRoot(new ai.aegis.domain.execution.NewRoot(ExecutionId.of(root), tenant, owner,
                ConversationId.of("conv-" + root), ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME,
                NOW.plus(Duration.ofMinutes(30)), 1024L * 1024, 10), java.util.Optional.empty(), NOW);
    }

    @Test
    void insertRoot_ownerAtCap_refusedNamingCountAndCapAndNothingWritten() {
        CountLimit cap = CountLimit.of(2);
        repository.insertRoot(ownedTree(TENANT_A, "alice", "a-1").root(), cap);
        repository.insertRoot(ownedTree(TENANT_A, "alice", "a-2").root(), cap);

        assertThatThrownBy(() -> repository.insertRoot(ownedTree(TENANT_A, "alice", "a-3").root(), cap))
                .isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "limit.concurrent_executions")
                .hasMessageContaining("2 active executions")
                .hasMessageContaining("allows 2 at once");
        assertThat(repository.loadTree(TENANT_A, ExecutionId.of("a-3"), 3)).isEmpty();
    }

    @Test
    void insertRoot_otherOwnersAndTenantsAndEndedExecutions_notCounted() {
        CountLimit cap = CountLimit.of(1);
        repository.insertRoot(ownedTree(TENANT_A, "bob", "b-1").root(), cap);
        repository.insertRoot(ownedTree(TENANT_B, "alice", "x-1").root(), cap);
        ExecutionTree ended = ownedTree(TENANT_A, "alice", "a-1");
        repository.insertRoot(ended.root(), cap);
        repository.cancelSubtree(TENANT_A, ended.root().id(), NOW.plusSeconds(1));

        repository.insertRoot(ownedTree(TENANT_A, "alice", "a-2").root(), cap);
        repository.insertRoot(ownedTree(TENANT_A, "carol", "c-1").root(), CountLimit.unlimited());

        assertThat(repository.countActive(TENANT_A)).isEqualTo(3);
    }

    @Test
    void saveChanges_childPastOwnersCap_refusedBecauseChildrenCountAndNothingWritten() {
        CountLimit cap = CountLimit.of(2);
        ExecutionTree tree = ownedTree(TENANT_A, "alice", "a-1");
        repository.insertRoot(tree.root(), cap);
        repository.insertRoot(ownedTree(TENANT_A, "alice", "a-2").root(), cap);
        TreeChange child = spawn(tree, "a-1", "a-1-child");

        assertThatThrownBy(() -> repository.saveChanges(TENANT_A, tree, child.changed(), cap))
                .isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "limit.concurrent_executions");
        assertThat(repository.loadTree(TENANT_A, tree.root().id(), 3)).contains(tree);

        repository.saveChanges(TENANT_A, tree, child.changed(), CountLimit.of(3));
        assertThat(repository.countActive(TENANT_A)).isEqualTo(3);
    }

    @Test
    void insertRootAndSpawn_fiftyRacingThreads_exactlyTheCapAdmitted() throws Exception {
        int cap = 30;
        int existing = 20;
        List<ExecutionTree> trees = new ArrayList<>();
        for (int i = 0; i < existing; i++) {
            ExecutionTree tree = ownedTree(TENANT_A, "alice", "tree-" + i);
            repository.insertRoot(tree.root());
            trees.add(tree);
        }
        // 50 contenders for the 10 free places: 25 new roots and 25 children, one per existing tree at most.
        int contenders = 50;
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < contenders; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        if (n % 2 == 0) {
                            repository.insertRoot(ownedTree(TENANT_A, "alice", "new-" + n).root(), CountLimit.of(cap));
                        } else {
                            ExecutionTree tree = trees.get(n / 2 % existing);
                            String parent = tree.root().id().value();
                            repository.saveChanges(TENANT_A, tree, spawn(tree, parent, parent + "-child-" + n).changed(),
                                    CountLimit.of(cap));
                        }
                    } catch (LimitExceededException | PreconditionFailedException expected) {
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

        assertThat(repository.countActive(TENANT_A)).isEqualTo(cap);
        assertThat(refused.get()).isEqualTo(contenders - (cap - existing));
    }

    @Test
    void findOverdue_acrossTenants_onlyActiveExecutionsPastTheirDeadline() {
        ExecutionTree a = storedTree("root-1", "conv-1");
        repository.insertRoot(newTree(TENANT_B, "root-2", "conv-2").root());
        java.time.Instant deadline = a.root().deadline();

        assertThat(repository.findOverdue(deadline.minusSeconds(1), 10)).isEmpty();
        assertThat(repository.findOverdue(deadline, 10)).extracting(Execution::tenantId)
                .containsExactlyInAnyOrder(TENANT_A, TENANT_B);
        assertThat(repository.findOverdue(deadline, 1)).hasSize(1);

        TreeChange done = a.cancel(a.root().id(), ContractFixtures.NOW.plusSeconds(5));
        repository.saveChanges(TENANT_A, a, done.changed());

        assertThat(repository.findOverdue(deadline, 10)).extracting(Execution::tenantId).containsExactly(TENANT_B);
    }

    @Test
    void list_tenantScoped_newestFirstAndFiltered() {
        ExecutionTree first = storedTree("root-1", "conv-1");
        TreeChange spawned = spawn(first, "root-1", "child-1");
        repository.saveChanges(TENANT_A, first, spawned.changed());
        ExecutionTree laterTree = ExecutionTree.startRoot(new ai.aegis.domain.execution.NewRoot(ExecutionId.of("root-2"),
                TENANT_A, "user-2", ConversationId.of("conv-2"), first.root().securityContext(),
                first.root().deadline(), first.root().memoryBytes(), 5), java.util.Optional.empty(), NOW.plusSeconds(10));
        repository.insertRoot(laterTree.root());
        repository.insertRoot(newTree(TENANT_B, "root-3", "conv-3").root());

        assertThat(repository.list(TENANT_A, ExecutionListFilter.all(), 10)).extracting(e -> e.id().value())
                .containsExactly("root-2", "child-1", "root-1");
        assertThat(repository.list(TENANT_A, ExecutionListFilter.all().onlyRoots(), 10)).extracting(e -> e.id().value())
                .containsExactly("root-2", "root-1");
        assertThat(repository.list(TENANT_A, ExecutionListFilter.all().ownedBy("user-2"), 10))
                .extracting(e -> e.id().value()).containsExactly("root-2");
        assertThat(repository.list(TENANT_A, ExecutionListFilter.all().inConversation(ConversationId.of("conv-1")), 10))
                .extracting(e -> e.id().value()).containsExactly("child-1", "root-1");
        assertThat(repository.list(TENANT_A, ExecutionListFilter.all()
                        .withStatuses(java.util.Set.of(ExecutionStatus.RUNNING, ExecutionStatus.CANCELLED)), 10)).isEmpty();
        assertThat(repository.list(TENANT_A, ExecutionListFilter.all().withStatuses(java.util.Set.of(ExecutionStatus.PENDING)), 2))
                .extracting(e -> e.id().value()).containsExactly("root-2", "child-1");
        assertThat(repository.list(TENANT_B, ExecutionListFilter.all(), 10)).extracting(e -> e.id().value())
                .containsExactly("root-3");
    }

    @Test
    void listAcrossTenants_everyTenant() {
        storedTree("root-1", "conv-1");
        repository.insertRoot(newTree(TENANT_B, "root-3", "conv-3").root());

        assertThat(repository.listAcrossTenants(ExecutionListFilter.all(), 10)).extracting(Execution::tenantId)
                .containsExactlyInAnyOrder(TENANT_A, TENANT_B);
    }

    @Test
    void findInAnyTenant_knownAndUnknownIds() {
        storedTree("root-1", "conv-1");
        repository.insertRoot(newTree(TENANT_B, "root-3", "conv-3").root());

        assertThat(repository.findInAnyTenant(ExecutionId.of("root-3"))).map(Execution::tenantId).contains(TENANT_B);
        assertThat(repository.findInAnyTenant(ExecutionId.of("missing"))).isEmpty();
    }
}
