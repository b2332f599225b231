package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.Objects;

/** Removes ended trees from the in-memory execution store and their events from the in-memory event store. */
public final class InMemoryExecutionRecordRemovalAdapter implements ExecutionRecordRemovalPort {

    private final InMemoryExecutionRepositoryAdapter executions;
    private final InMemoryIterationEventRepositoryAdapter events;

    public InMemoryExecutionRecordRemovalAdapter(InMemoryExecutionRepositoryAdapter executions,
            InMemoryIterationEventRepositoryAdapter events) {
        this.executions = Objects.requireNonNull(executions, "executions");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public synchronized int removeEndedTree(TenantId tenantId, ExecutionId rootId) {
        List<ExecutionId> removed = executions.removeEndedTree(tenantId, rootId);
        events.removeExecutions(tenantId, removed);
        return removed.size();
    }
}
