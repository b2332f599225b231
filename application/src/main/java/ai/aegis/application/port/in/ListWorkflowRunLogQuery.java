package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** The log of one workflow run of the caller. */
public record ListWorkflowRunLogQuery(Identity identity, ExecutionId runId) {

    public ListWorkflowRunLogQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runId, "runId");
    }
}
