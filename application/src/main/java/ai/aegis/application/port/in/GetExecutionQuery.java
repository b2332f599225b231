package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Which caller asks for which execution (or, for a tree, any member of it). */
public record GetExecutionQuery(Identity identity, ExecutionId executionId) {

    public GetExecutionQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
    }
}
