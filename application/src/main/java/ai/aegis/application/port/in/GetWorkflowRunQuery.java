package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** One workflow run of the caller, named by its root execution. */
public record GetWorkflowRunQuery(Identity identity, ExecutionId runId) {

    public GetWorkflowRunQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runId, "runId");
    }
}
