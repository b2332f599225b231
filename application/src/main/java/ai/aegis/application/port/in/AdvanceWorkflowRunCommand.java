package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;

/** Bring the run rooted at {@code runId} up to date with its executions (a step ended, the root ended, a wait expired). */
public record AdvanceWorkflowRunCommand(TenantId tenantId, ExecutionId runId) {

    public AdvanceWorkflowRunCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(runId, "runId");
    }

    /** The run an execution status change may concern: the one rooted at the changed execution's root. */
    public static AdvanceWorkflowRunCommand concerning(ExecutionStatusChange change) {
        return new AdvanceWorkflowRunCommand(change.tenantId(), change.rootId());
    }
}
