package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;

/**
 * Tells the rest of the system what happened to executions: status changes (nodes stop cancelled
 * work, SEAL tokens of ended executions are revoked, other instances hear about it) and iteration
 * events (their plain-English sentence becomes an MCP progress notification). Called after the
 * change is stored.
 */
public interface ExecutionEventPublisherPort {

    void statusChanged(ExecutionStatusChange change);

    void iterationReported(TenantId tenantId, IterationEvent event);
}
