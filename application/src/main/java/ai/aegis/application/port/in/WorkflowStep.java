package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.seal.JsonValue;
import java.util.Objects;
import java.util.Optional;

/**
 * The work of one agent step of a workflow run, for the node that runs its execution: the agent
 * (its latest version when {@code agentVersion} is empty), the state's input text, the data the run
 * started with and each signal's data so far (by state).
 */
public record WorkflowStep(ExecutionId runId, ExecutionId executionId, String state, ManifestName agent,
        Optional<ManifestVersion> agentVersion, Optional<String> input, JsonValue.JsonObject runInputs,
        JsonValue.JsonObject signals) {

    public WorkflowStep {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(agentVersion, "agentVersion");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(runInputs, "runInputs");
        Objects.requireNonNull(signals, "signals");
    }
}
