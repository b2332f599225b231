package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import java.util.List;
import java.util.Objects;

/**
 * What happened to leases a node lost: executions that had not started went back to the queue;
 * running ones were failed ("the machine running it stopped responding"); leases of executions
 * that had already ended were simply dropped.
 */
public record LostLeases(List<ExecutionId> requeued, List<ExecutionId> failed, List<ExecutionId> dropped) {

    public LostLeases {
        requeued = List.copyOf(Objects.requireNonNull(requeued, "requeued"));
        failed = List.copyOf(Objects.requireNonNull(failed, "failed"));
        dropped = List.copyOf(Objects.requireNonNull(dropped, "dropped"));
    }

    public boolean isEmpty() {
        return requeued.isEmpty() && failed.isEmpty() && dropped.isEmpty();
    }
}
