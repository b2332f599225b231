package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.List;

/** The iteration history of executions, for the Transparent Iteration Panel. Tenant-scoped. */
public interface IterationEventRepositoryPort {

    void append(TenantId tenantId, IterationEvent event);

    /**
     * Appends several events of the tenant at once, in list order, all or nothing: a cascade over a
     * swarm records one event per ended execution in one write.
     */
    default void appendAll(TenantId tenantId, List<IterationEvent> events) {
        for (IterationEvent event : events) {
            append(tenantId, event);
        }
    }

    /** The events of one execution in the order they were appended; empty for another tenant's. */
    List<IterationEvent> listByExecution(TenantId tenantId, ExecutionId executionId);
}
