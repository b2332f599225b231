package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.ArrayList;
import java.util.List;

/** Keeps what was published, for assertions. Thread-safe. */
public final class InMemoryExecutionEventPublisherAdapter implements ExecutionEventPublisherPort {

    private final List<ExecutionStatusChange> statusChanges = new ArrayList<>();
    private final List<IterationEvent> iterationEvents = new ArrayList<>();

    @Override
    public synchronized void statusChanged(ExecutionStatusChange change) {
        statusChanges.add(change);
    }

    @Override
    public synchronized void iterationReported(TenantId tenantId, IterationEvent event) {
        iterationEvents.add(event);
    }

    public synchronized List<ExecutionStatusChange> statusChanges() {
        return List.copyOf(statusChanges);
    }

    public synchronized List<IterationEvent> iterationEvents() {
        return List.copyOf(iterationEvents);
    }
}
