package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.Objects;
import java.util.Optional;

/**
 * A node reports progress of an execution: an attempt started, validation failed, a fix was
 * applied, memory was reused. {@code detail} is free text from the agent and is sanitised.
 */
public record ReportIterationCommand(
        Identity identity, ExecutionId executionId, IterationEventKind kind, Optional<String> detail) {

    public ReportIterationCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
