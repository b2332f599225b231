package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;

/** What a removal took away: the tree's tenant and root, and how many executions it held. */
public record RemovedExecutionTree(TenantId tenantId, ExecutionId rootId, int executionsRemoved) {

    public RemovedExecutionTree {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(rootId, "rootId");
        if (executionsRemoved < 0) {
            throw new IllegalArgumentException("a removal cannot take away a negative number of executions");
        }
    }
}
