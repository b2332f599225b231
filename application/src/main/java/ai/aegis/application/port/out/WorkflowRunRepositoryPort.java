package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where workflow runs and their own history sentences are kept. Tenant-scoped like executions:
 * another tenant's run reads as absent. A run and the sentences of a change are written together,
 * and a change is stored only over the revision it was computed from, so two instances advancing
 * the same run never both win.
 */
public interface WorkflowRunRepositoryPort {

    /**
     * Stores a new run with its first sentences.
     *
     * @throws ai.aegis.domain.error.AlreadyExistsException {@code workflow_run.exists} when a run with that id exists
     */
    void insert(WorkflowRun run, List<WorkflowRunEvent> events);

    /**
     * Replaces the stored run whose revision is {@code run.revision() - 1} and appends the sentences.
     *
     * @throws ai.aegis.domain.error.PreconditionFailedException {@code workflow_run.concurrent_update} when
     *         the stored run is not at that revision (another change won) or is missing
     */
    void update(WorkflowRun run, List<WorkflowRunEvent> events);

    Optional<WorkflowRun> find(TenantId tenantId, ExecutionId runId);

    /** The run whose current agent step is {@code stepExecutionId}, if any. */
    Optional<WorkflowRun> findByStep(TenantId tenantId, ExecutionId stepExecutionId);

    /** The run's own sentences in the order they were written; empty for another tenant's run. */
    List<WorkflowRunEvent> events(TenantId tenantId, ExecutionId runId);

    /**
     * Runs not finished yet, across every tenant (the background sweep that catches up on missed
     * events), in (last change, id) order, at most {@code limit}, starting after {@code after} when
     * given (so successive passes walk every run instead of always the same oldest ones); those
     * changed after {@code changedBefore} are left out (they are being worked on right now). Ids
     * order by their characters' code points.
     */
    List<WorkflowRun> unfinished(Instant changedBefore, Optional<SweepPosition> after, int limit);

    /** Where a sweep pass stopped: the last run it was given. */
    record SweepPosition(Instant updatedAt, ExecutionId runId) {
        public SweepPosition {
            java.util.Objects.requireNonNull(updatedAt, "updatedAt");
            java.util.Objects.requireNonNull(runId, "runId");
        }

        public static SweepPosition of(WorkflowRun run) {
            return new SweepPosition(run.updatedAt(), run.id());
        }
    }
}
