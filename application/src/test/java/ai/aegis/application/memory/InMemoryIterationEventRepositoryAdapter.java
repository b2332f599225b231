package ai.aegis.application.memory;

import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.ArrayList;
import java.util.List;

/** Iteration events in append order, tenant-scoped. Thread-safe. */
public final class InMemoryIterationEventRepositoryAdapter implements IterationEventRepositoryPort {

    private record Stored(TenantId tenantId, IterationEvent event) {
    }

    private final List<Stored> events = new ArrayList<>();

    @Override
    public synchronized void append(TenantId tenantId, IterationEvent event) {
        events.add(new Stored(tenantId, event));
    }

    @Override
    public synchronized List<IterationEvent> listByExecution(TenantId tenantId, ExecutionId executionId) {
        return events.stream()
                .filter(s -> s.tenantId().equals(tenantId) && s.event().executionId().equals(executionId))
                .map(Stored::event)
                .toList();
    }

    /** Removes every event of {@code executions} in {@code tenantId}. */
    public synchronized void removeExecutions(TenantId tenantId, java.util.Collection<ExecutionId> executions) {
        events.removeIf(s -> s.tenantId().equals(tenantId) && executions.contains(s.event().executionId()));
    }
}
