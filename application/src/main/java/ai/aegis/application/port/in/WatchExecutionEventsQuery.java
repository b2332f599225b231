package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Follow the tree an execution belongs to: every iteration sentence and status change of its
 * members (children spawned later included) is handed to the consumers, on the publishing thread,
 * so they must only enqueue.
 */
public record WatchExecutionEventsQuery(Identity identity, ExecutionId executionId,
        Consumer<IterationEvent> iterations, Consumer<ExecutionStatusChange> statusChanges) {

    public WatchExecutionEventsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(iterations, "iterations");
        Objects.requireNonNull(statusChanges, "statusChanges");
    }
}
