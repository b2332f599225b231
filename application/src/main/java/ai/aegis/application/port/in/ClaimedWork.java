package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.node.WorkLease;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution a node now holds a lease on, with what it needs to run it: its context, budget and
 * deadline, and the task it was started with (empty for an execution whose creator drives it itself).
 */
public record ClaimedWork(WorkLease lease, Execution execution, Optional<TaskSpec> task) {

    public ClaimedWork {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(task, "task");
    }

    /** Work without a task. */
    public ClaimedWork(WorkLease lease, Execution execution) {
        this(lease, execution, Optional.empty());
    }
}
