package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Cancel a run of the caller and everything it started. */
public record CancelWorkflowRunCommand(Identity identity, ExecutionId runId) {

    public CancelWorkflowRunCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runId, "runId");
    }
}
