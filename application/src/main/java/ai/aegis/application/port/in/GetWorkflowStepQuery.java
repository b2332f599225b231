package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;

/** What the execution {@code executionId} of tenant {@code tenantId} runs, if it is a workflow's agent step (asked by the node running it). */
public record GetWorkflowStepQuery(TenantId tenantId, ExecutionId executionId) {

    public GetWorkflowStepQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(executionId, "executionId");
    }
}
