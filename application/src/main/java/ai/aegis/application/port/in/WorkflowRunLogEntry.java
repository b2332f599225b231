package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One sentence of a run's log: either a state-transition sentence of the run itself
 * ({@code kind} {@code "workflow"}, no execution) or an iteration sentence of one of its
 * executions ({@code kind} the iteration kind, e.g. {@code attempt_started}).
 */
public record WorkflowRunLogEntry(Instant at, String kind, Optional<ExecutionId> executionId, String sentence) {

    public static final String WORKFLOW_KIND = "workflow";

    public WorkflowRunLogEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(sentence, "sentence");
    }
}
