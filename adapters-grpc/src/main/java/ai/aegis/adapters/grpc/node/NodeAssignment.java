package ai.aegis.adapters.grpc.node;

import ai.aegis.domain.execution.TaskSpec;
import java.util.Objects;
import java.util.Optional;

/** One execution this node now holds a lease on, and the task it was given (empty when its creator drives it). */
public record NodeAssignment(NodeExecution execution, Optional<TaskSpec> task) {

    public NodeAssignment {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(task, "task");
    }
}
