package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.List;

/**
 * Tells the rest of the system what happened to executions: status changes (nodes stop cancelled
 * work, watchers and other instances hear about it) and iteration
 * events (their plain-English sentence becomes an MCP progress notification). Called after the
 * change is stored.
 */
public interface ExecutionEventPublisherPort {

    void statusChanged(ExecutionStatusChange change);

    void iterationReported(TenantId tenantId, IterationEvent event);

    /** Several status changes, in order: the same as {@link #statusChanged} for each, in one message when the adapter can. */
    default void statusesChanged(List<ExecutionStatusChange> changes) {
        for (ExecutionStatusChange change : changes) {
            statusChanged(change);
        }
    }

    /** Several iteration events of one tenant, in order: the same as {@link #iterationReported} for each. */
    default void iterationsReported(TenantId tenantId, List<IterationEvent> events) {
        for (IterationEvent event : events) {
            iterationReported(tenantId, event);
        }
    }

    /**
     * Executions that ended together (a cascade): their status changes and their events, the same as
     * {@link #statusesChanged} and {@link #iterationsReported}, in one message when the adapter can.
     * Changes are heard in order and events are heard in order; how the two interleave is not
     * promised (an adapter may send each execution's change and event together).
     */
    default void executionsEnded(TenantId tenantId, List<ExecutionStatusChange> changes, List<IterationEvent> events) {
        statusesChanged(changes);
        iterationsReported(tenantId, events);
    }
}
