package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** An operator cancels an execution of any tenant, and everything beneath it. */
public record CancelAnyExecutionCommand(Identity identity, ExecutionId executionId) {

    public CancelAnyExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
    }
}
