package ai.aegis.adapters.grpc.node;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a watched tree as a node receives it: a status change ({@code to} present) or an
 * iteration sentence ({@code sentence} present). The first event of a watch reports every member of
 * the tree in its current status.
 */
public record NodeExecutionEvent(ExecutionId executionId, Optional<ExecutionStatus> to, Optional<String> sentence,
        Instant at) {

    public NodeExecutionEvent {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(at, "at");
    }

    /** True when the execution entered a terminal status (the node stops its work). */
    public boolean ended() {
        return to.map(ExecutionStatus::isTerminal).orElse(false);
    }
}
