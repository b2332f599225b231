package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static ai.aegis.application.contract.ContractFixtures.newTree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ExecutionRecordRemovalPort} adapter must do, over the execution and event stores it shares. */
public abstract class ExecutionRecordRemovalPortContract {

    /** Fresh, empty stores; the three accessors below answer views of the same data afterwards. */
    protected abstract void newStores();

    protected abstract ExecutionRepositoryPort executions();

    protected abstract IterationEventRepositoryPort events();

    protected abstract ExecutionRecordRemovalPort removal();

    private static final ExecutionId ROOT = ExecutionId.of("exec-remove-root");
    private static final ExecutionId CHILD = ExecutionId.of("exec-remove-child");

    @BeforeEach
    void setUpStores() {
        newStores();
    }

    /** A root with one child and an event each, stored; answers the stored tree. */
    private ExecutionTree treeWithChild(String rootConversation) {
        ExecutionTree tree = newTree(TENANT_A, ROOT.value(), rootConversation);
        executions().insertRoot(tree.root());
        Execution root = tree.root();
        TreeChange spawned = tree.spawnChild(root.id(), root.securityContext(), root.deadline(), root.memoryBytes(),
                root.maxIterations(), NOW.plusSeconds(1), CHILD);
        executions().saveChanges(TENANT_A, tree, spawned.changed());
        events().append(TENANT_A, IterationEvent.of(ROOT, IterationEventKind.ATTEMPT_STARTED, 1, 10, NOW, null));
        events().append(TENANT_A, IterationEvent.of(CHILD, IterationEventKind.ATTEMPT_STARTED, 1, 10, NOW, null));
        return spawned.tree();
    }

    private void cancel(ExecutionTree tree) {
        executions().saveChanges(TENANT_A, tree, tree.cancel(ROOT, NOW.plusSeconds(2)).changed());
    }

    @Test
    void removeEndedTree_cancelledTreeWithChild_removesEveryMemberAndItsEvents() {
        cancel(treeWithChild("conv-remove"));

        int removed = removal().removeEndedTree(TENANT_A, ROOT);

        assertThat(removed).isEqualTo(2);
        assertThat(executions().loadTree(TENANT_A, ROOT, 5)).isEmpty();
        assertThat(executions().findInAnyTenant(CHILD)).isEmpty();
        assertThat(events().listByExecution(TENANT_A, ROOT)).isEmpty();
        assertThat(events().listByExecution(TENANT_A, CHILD)).isEmpty();
    }

    @Test
    void removeEndedTree_memberStillActive_refusedAndNothingRemoved() {
        treeWithChild("conv-remove");

        assertThatThrownBy(() -> removal().removeEndedTree(TENANT_A, ROOT))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.active");
        assertThat(executions().loadTree(TENANT_A, ROOT, 5).orElseThrow().executions()).hasSize(2);
        assertThat(events().listByExecution(TENANT_A, CHILD)).hasSize(1);
    }

    @Test
    void removeEndedTree_otherTenantUnknownIdOrChildId_removesNothing() {
        cancel(treeWithChild("conv-remove"));

        assertThat(removal().removeEndedTree(TENANT_B, ROOT)).isZero();
        assertThat(removal().removeEndedTree(TENANT_A, ExecutionId.of("exec-unknown"))).isZero();
        assertThat(removal().removeEndedTree(TENANT_A, CHILD)).isZero();
        assertThat(executions().loadTree(TENANT_A, ROOT, 5).orElseThrow().executions()).hasSize(2);
    }
}
