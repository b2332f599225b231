package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.seal.JsonValue;
import java.util.Objects;
import java.util.Optional;

/** A person answers the run waiting for input, optionally naming the state they answer. */
public record SignalWorkflowRunCommand(Identity identity, ExecutionId runId, Optional<String> state,
        JsonValue.JsonObject data) {

    public SignalWorkflowRunCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(data, "data");
    }
}
