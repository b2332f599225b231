package ai.aegis.adapters.persistence;

import static ai.aegis.adapters.persistence.ExecutionTestTrees.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.TreeChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenant B tries every read and write of the execution and iteration adapters with tenant A's ids,
 * and gets nothing: absent, not found or refused, with tenant A's rows unchanged.
 */
class ExecutionTenantIsolationTest {

    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();
    private ExecutionPersistenceAdapter executions;
    private IterationEventPersistenceAdapter iterations;
    private ExecutionTree treeOfA;

    @BeforeEach
    void treeOfTenantA() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE iteration_event, execution CASCADE"));
        executions = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
        iterations = new IterationEventPersistenceAdapter(DATABASE.persistence().jdbi());
        ExecutionTree pending = ExecutionTestTrees.root(A, "a-root", "a-conv", 3);
        executions.insertRoot(pending.root());
        TreeChange started = pending.start(pending.root().id(), NOW.plusSeconds(1));
        executions.saveChanges(A, pending, started.changed());
        Execution root = started.tree().root();
        TreeChange child = started.tree().spawnChild(root.id(), root.securityContext(), root.deadline(), root.memoryBytes(),
                root.maxIterations(), NOW.plusSeconds(2), ExecutionId.of("a-child"));
        executions.saveChanges(A, started.tree(), child.changed());
        treeOfA = child.tree();
        iterations.append(A, IterationEvent.of(root.id(), IterationEventKind.ATTEMPT_STARTED, 1, 10, NOW, "the parser"));
    }

    @Test
    void reads_withAnotherTenantsIds_findNothing() {
        assertThat(executions.loadTree(B, ExecutionId.of("a-root"), 3)).isEmpty();
        assertThat(executions.loadTree(B, ExecutionId.of("a-child"), 3)).isEmpty();
        assertThat(executions.findActiveRoot(B, ConversationId.of("a-conv"))).isEmpty();
        assertThat(executions.countActive(B)).isZero();
        assertThat(iterations.listByExecution(B, ExecutionId.of("a-root"))).isEmpty();
    }

    @Test
    void saveChanges_otherTenantsTree_refusedAndNothingWritten() {
        TreeChange cancel = treeOfA.cancel(ExecutionId.of("a-root"), NOW.plusSeconds(3));

        assertThatThrownBy(() -> executions.saveChanges(B, treeOfA, cancel.changed()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(executions.loadTree(A, ExecutionId.of("a-root"), 3)).contains(treeOfA);
    }

    @Test
    void saveChanges_otherTenantsTreeRelabelled_refusedAsUnknownTree() {
        ExecutionTree lookalike = ExecutionTestTrees.root(B, "a-root", "a-conv", 3);
        TreeChange start = lookalike.start(lookalike.root().id(), NOW.plusSeconds(3));

        assertThatThrownBy(() -> executions.saveChanges(B, lookalike, start.changed()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasFieldOrPropertyWithValue("code", "execution.concurrent_update");
        assertThat(executions.loadTree(A, ExecutionId.of("a-root"), 3)).contains(treeOfA);
    }

    @Test
    void insertRoot_withAnotherTenantsExecutionId_refusedWithoutTouchingIt() {
        Execution intruder = ExecutionTestTrees.root(B, "a-root", "b-conv", 3).root();

        assertThatThrownBy(() -> executions.insertRoot(intruder))
                .isInstanceOf(AlreadyExistsException.class)
                .hasFieldOrPropertyWithValue("code", "execution.duplicate_id");
        assertThat(executions.loadTree(B, ExecutionId.of("a-root"), 3)).isEmpty();
        assertThat(executions.loadTree(A, ExecutionId.of("a-root"), 3)).contains(treeOfA);
    }

    @Test
    void insertRoot_sameConversationIdInAnotherTenant_independent() {
        executions.insertRoot(ExecutionTestTrees.root(B, "b-root", "a-conv", 3).root());

        assertThat(executions.findActiveRoot(B, ConversationId.of("a-conv")).orElseThrow().id())
                .isEqualTo(ExecutionId.of("b-root"));
        assertThat(executions.findActiveRoot(A, ConversationId.of("a-conv")).orElseThrow().id())
                .isEqualTo(ExecutionId.of("a-root"));
    }

    @Test
    void cancelSubtree_otherTenantsExecution_notFoundAndNothingCancelled() {
        assertThatThrownBy(() -> executions.cancelSubtree(B, ExecutionId.of("a-root"), NOW.plusSeconds(3)))
                .isInstanceOf(NotFoundException.class);
        assertThat(executions.countActive(A)).isEqualTo(2);
    }

    @Test
    void appendIteration_toAnotherTenantsExecution_notFoundAndNothingAdded() {
        IterationEvent forged = IterationEvent.of(ExecutionId.of("a-root"), IterationEventKind.FIX_APPLIED, 1, 10,
                NOW.plusSeconds(3), null);

        assertThatThrownBy(() -> iterations.append(B, forged))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "execution.not_found");
        assertThat(iterations.listByExecution(A, ExecutionId.of("a-root"))).hasSize(1);
    }

    @Test
    void findRunning_answersForTheOwningTenantOnlyByItsRecord() {
        assertThat(executions.findRunning("a-root").orElseThrow().tenantId()).isEqualTo(A);
        assertThat(executions.findRunning("a-child")).isEmpty();
        List<ExecutionStatus> statuses = executions.loadTree(A, ExecutionId.of("a-root"), 3).orElseThrow().executions()
                .stream().map(Execution::status).toList();
        assertThat(statuses).containsExactly(ExecutionStatus.RUNNING, ExecutionStatus.PENDING);
    }
}
