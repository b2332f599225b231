package ai.aegis.application.port.out;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Stored execution trees. Every read is scoped to a tenant: an execution of another tenant reads as
 * absent. The domain computes every change (cascades included) on a loaded {@link ExecutionTree};
 * the repository stores the result atomically.
 *
 * <p>Designed for PostgreSQL: one row per execution with {@code tenant_id}, {@code root_id},
 * {@code parent_id}; a partial unique index on {@code conversation_id} where {@code parent_id IS NULL}
 * and the status is Pending or Running enforces the single active root even between instances;
 * {@link #loadTree} reads all rows of the member's {@code root_id} (or walks {@code parent_id}
 * recursively); {@link #saveChanges} locks the root row ({@code SELECT … FOR UPDATE}), compares the
 * stored tree with the one the change was computed from, and writes all rows in one transaction.
 */
public interface ExecutionRepositoryPort {

    /**
     * Stores a new root execution.
     *
     * @throws AlreadyExistsException {@code execution.root_active} when its conversation already has
     *     an active root (checked atomically), or {@code execution.duplicate_id} when the id is taken
     */
    void insertRoot(Execution root);

    /** The active (Pending or Running) root execution of a conversation, if any. */
    Optional<Execution> findActiveRoot(TenantId tenantId, ConversationId conversationId);

    /** The whole tree that the execution {@code memberId} belongs to, if it exists in that tenant. */
    Optional<ExecutionTree> loadTree(TenantId tenantId, ExecutionId memberId, int maxDepth);

    /**
     * Stores the executions a tree operation created or changed, all or nothing. Executions not in
     * {@code before} are inserted; the others are updated.
     *
     * @throws PreconditionFailedException {@code execution.concurrent_update} when the stored tree is
     *     no longer equal to {@code before} (another change won); nothing is written
     */
    void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed);

    /** How many executions of the tenant are active (Pending or Running), across every tree. */
    long countActive(TenantId tenantId);

    /**
     * Active executions whose deadline has come ({@code deadline <= now}), across every tenant,
     * earliest deadline first, at most {@code limit}: the service enforces deadlines itself rather
     * than trusting nodes, and finds what a dead instance left running.
     */
    List<Execution> findOverdue(Instant now, int limit);

    /**
     * The tenant's executions matching {@code filter}, newest first (creation time, then id), at
     * most {@code limit}. Another tenant's executions are never returned.
     */
    List<Execution> list(TenantId tenantId, ExecutionListFilter filter, int limit);

    /**
     * Executions of every tenant matching {@code filter}, newest first, at most {@code limit}: for
     * operator administration only, which the caller audits.
     */
    List<Execution> listAcrossTenants(ExecutionListFilter filter, int limit);

    /**
     * The execution with that id in whichever tenant holds it (ids are unique across tenants): for
     * operator administration only, which the caller audits.
     */
    Optional<Execution> findInAnyTenant(ExecutionId id);
}
