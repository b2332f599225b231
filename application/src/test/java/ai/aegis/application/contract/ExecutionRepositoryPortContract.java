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
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
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
