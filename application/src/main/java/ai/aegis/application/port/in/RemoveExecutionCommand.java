package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** An operator removes the records of an ended execution tree of any tenant, named by its root. */
public record RemoveExecutionCommand(Identity identity, ExecutionId executionId) {

    public RemoveExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
    }
}
