package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.node.WorkLease;
import java.util.Objects;

/** One execution a node now holds a lease on, with what it needs to run it (context, budget, deadline). */
public record ClaimedWork(WorkLease lease, Execution execution) {

    public ClaimedWork {
        Objects.requireNonNull(lease, "lease");
        Objects.requireNonNull(execution, "execution");
    }
}
