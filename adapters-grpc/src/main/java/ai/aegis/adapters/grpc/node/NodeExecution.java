package ai.aegis.adapters.grpc.node;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An execution as a node sees it: where it sits in its tree, what it may do (its effective
 * security context) and its budget. The sandbox takes its limits from here.
 */
public record NodeExecution(ExecutionId id, TenantId tenantId, ExecutionId rootId, Optional<ExecutionId> parentId,
        int depth, ExecutionStatus status, SecurityContext securityContext, Instant deadline, long memoryBytes,
        int maxIterations, int iterationCount) {

    public NodeExecution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(rootId, "rootId");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
    }
}
