package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Cancel an execution and everything beneath it. */
public record CancelExecutionCommand(Identity identity, ExecutionId executionId) {

    public CancelExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
    }
}
