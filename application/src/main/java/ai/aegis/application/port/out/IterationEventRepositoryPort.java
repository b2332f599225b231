package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.List;

/** The iteration history of executions, for the Transparent Iteration Panel. Tenant-scoped. */
public interface IterationEventRepositoryPort {

    void append(TenantId tenantId, IterationEvent event);

    /** The events of one execution in the order they were appended; empty for another tenant's. */
    List<IterationEvent> listByExecution(TenantId tenantId, ExecutionId executionId);
}
