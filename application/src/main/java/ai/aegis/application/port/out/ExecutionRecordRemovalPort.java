package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;

/**
 * Removes the records of an execution tree that has ended: every member and its iteration history,
 * in one atomic step. A tree is removed whole or not at all; a tree with a member still Pending or
 * Running is never touched (an ended tree can no longer change: terminal executions are final and
 * only a live parent spawns children, so the check cannot go stale).
 */
public interface ExecutionRecordRemovalPort {

    /**
     * Removes the tree whose root is {@code rootId} in {@code tenantId}, with the iteration events of
     * every member.
     *
     * @return the number of executions removed; 0 when the tenant has no root with that id
     * @throws ai.aegis.domain.error.PreconditionFailedException {@code execution.active} when any
     *     member is still Pending or Running; nothing is removed
     */
    int removeEndedTree(TenantId tenantId, ExecutionId rootId);
}
