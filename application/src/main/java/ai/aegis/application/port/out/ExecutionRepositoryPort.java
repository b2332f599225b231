package ai.aegis.application.port.out;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
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
 *
 * <p>Two operations touch a whole subtree without loading it, so that a swarm of thousands ends in
 * one statement: {@link #cancelSubtree} and {@link #finishAndCancelDescendants}. Two change one
 * member with nothing else of its tree read, so that a node's call about one member of a swarm of
 * thousands costs what it costs for a lone root: {@link #insertChild} and {@link #replaceActive},
 * each a compare-and-set on the one execution it depends on. All four serialise with
 * {@link #saveChanges} on the same root, so a tree change computed before them is refused as
 * concurrent afterwards.
 *
 * <p>Concurrency limit: the active (Pending or Running) executions of one owner — tenant and owner
 * subject, roots and children of every swarm together — may not exceed the owner's cap. The
 * overloads taking a {@link CountLimit} count and insert in one atomic step, so racing callers on
 * any number of service instances are admitted exactly up to the cap.
 */
public interface ExecutionRepositoryPort {

    /** The code of the refusal when the owner already has as many active executions as allowed. */
    String CONCURRENCY_LIMIT_CODE = "limit.concurrent_executions";

    /**
     * One execution moved by a change (a subtree operation, an attempt counted): its status before,
     * and the execution as stored afterwards.
     */
    record Transition(ExecutionStatus from, Execution to) {

        public Transition {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** The status change to publish. */
        public ExecutionStatusChange statusChange() {
            return new ExecutionStatusChange(to.tenantId(), to.conversationId(), to.rootId(), to.id(), Optional.of(from),
                    to.status(), to.updatedAt());
        }
    }

    /**
     * The refusal every adapter raises when an insert would take the owner past its cap, worded the
     * same everywhere: it names the current count and the cap.
     */
    static LimitExceededException concurrencyLimitReached(long active, CountLimit limit) {
        return new LimitExceededException(CONCURRENCY_LIMIT_CODE, "you already have " + active
                + " active executions (your swarm's roots and children together) and your plan allows " + limit
                + " at once; wait for one to finish or cancel one");
    }

    /**
     * What {@link #insertChild} requires of its arguments, checked the same in every adapter.
     *
     * @throws IllegalArgumentException when {@code child} is not a Pending child of {@code parent} in that tenant
     */
    static void requireNewChild(TenantId tenantId, Execution parent, Execution child) {
        if (!child.parentId().equals(Optional.of(parent.id())) || child.status() != ExecutionStatus.PENDING
                || !parent.tenantId().equals(tenantId) || !child.tenantId().equals(tenantId)) {
            throw new IllegalArgumentException("execution " + child.id() + " is not a new child of " + parent.id()
                    + " in tenant " + tenantId);
        }
    }

    /**
     * What {@link #replaceActive} requires of its arguments, checked the same in every adapter.
     *
     * @throws IllegalArgumentException when {@code changed} is not an active successor of
     *     {@code current} in that tenant
     */
    static void requireActiveSuccessor(TenantId tenantId, Execution current, Execution changed) {
        if (!current.tenantId().equals(tenantId) || !changed.id().equals(current.id()) || !changed.isActive()
                || !changed.sameCreationAs(current) || changed.iterationCount() < current.iterationCount()) {
            throw new IllegalArgumentException("execution " + current.id() + " of tenant " + current.tenantId()
                    + " may only move to an active successor here, in its own tenant");
        }
    }

    /**
     * Stores a new root execution, without a concurrency cap.
     *
     * @throws AlreadyExistsException {@code execution.root_active} when its conversation already has
     *     an active root (checked atomically), or {@code execution.duplicate_id} when the id is taken
     */
    default void insertRoot(Execution root) {
        insertRoot(root, CountLimit.unlimited());
    }

    /**
     * Stores a new root execution if its owner has fewer active executions than {@code maxActive},
     * counted and inserted atomically.
     *
     * @throws LimitExceededException {@link #CONCURRENCY_LIMIT_CODE} when the owner is at the cap;
     *     nothing is written
     * @throws AlreadyExistsException as {@link #insertRoot(Execution)}
     */
    void insertRoot(Execution root, CountLimit maxActive);

    /** The active (Pending or Running) root execution of a conversation, if any. */
    Optional<Execution> findActiveRoot(TenantId tenantId, ConversationId conversationId);

    /** The whole tree that the execution {@code memberId} belongs to, if it exists in that tenant. */
    Optional<ExecutionTree> loadTree(TenantId tenantId, ExecutionId memberId, int maxDepth);

    /**
     * The one execution, if it exists in that tenant: for a caller that needs no more than it (a node
     * call about a member of a 10,000-strong swarm reads one row, not the swarm).
     */
    Optional<Execution> find(TenantId tenantId, ExecutionId id);

    /**
     * Stores the executions a tree operation created or changed, all or nothing. Executions not in
     * {@code before} are inserted; the others are updated.
     *
     * @throws PreconditionFailedException {@code execution.concurrent_update} when the stored tree is
     *     no longer equal to {@code before} (another change won); nothing is written
     */
    default void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed) {
        saveChanges(tenantId, before, changed, CountLimit.unlimited());
    }

    /**
     * {@link #saveChanges(TenantId, ExecutionTree, List)}, refusing when the active executions it
     * inserts would take their owner past {@code maxActive} (counted atomically with the write).
     *
     * @throws LimitExceededException {@link #CONCURRENCY_LIMIT_CODE}; nothing is written
     */
    void saveChanges(TenantId tenantId, ExecutionTree before, List<Execution> changed, CountLimit maxActive);

    /**
     * Stores {@code child}, a new Pending child of {@code parent}, if the stored parent is still
     * exactly {@code parent} (compared under the same root lock as every writer of the tree, so a
     * cascade that ended the parent first wins) and the owner has fewer active executions than
     * {@code maxActive} (counted atomically with the insert). Nothing else of the tree is read: a
     * spawn into a 10,000-strong swarm costs what a spawn under a lone root costs.
     *
     * @throws PreconditionFailedException {@code execution.concurrent_update} when the stored parent
     *     is no longer {@code parent}; nothing is written
     * @throws LimitExceededException {@link #CONCURRENCY_LIMIT_CODE}; nothing is written
     * @throws AlreadyExistsException {@code execution.duplicate_id} when the child's id is taken
     * @throws IllegalArgumentException when {@code child} is not a Pending child of {@code parent} in that tenant
     */
    void insertChild(TenantId tenantId, Execution parent, Execution child, CountLimit maxActive);

    /**
     * Stores {@code changed}, an active successor of {@code current} (started, or one more iteration
     * counted), if the stored execution is still exactly {@code current}: one row read and written,
     * nothing else of the tree, under the same root lock as every writer of the tree. A node's report
     * about one member of a 10,000-strong swarm costs the same as about a lone root.
     *
     * @throws PreconditionFailedException {@code execution.concurrent_update} when the stored
     *     execution is no longer {@code current} (another change won); nothing is written
     * @throws IllegalArgumentException when {@code changed} is not an active successor of
     *     {@code current} in that tenant (another id, a final status, or anything it was created with changed)
     */
    void replaceActive(TenantId tenantId, Execution current, Execution changed);

    /**
     * Cascade cancellation without loading the tree: cancels {@code id} (when still active) and
     * every Pending or Running descendant at {@code now} (an execution's update time never goes
     * back), in one atomic step, and returns exactly what it changed, shallowest first. Terminal
     * executions never change, but the walk passes through them: cancelling an ended execution
     * still reaches its active descendants. The same result as {@link ExecutionTree#cancel}.
     *
     * @throws NotFoundException {@code execution.not_found} when the tenant has no such execution
     */
    List<Transition> cancelSubtree(TenantId tenantId, ExecutionId id, Instant now);

    /**
     * Ends one execution and cancels its active descendants in one atomic step, without loading or
     * comparing the rest of the tree: stores {@code ended} (a terminal successor of {@code current})
     * if the stored execution is still exactly {@code current}, then cancels every Pending or
     * Running descendant at {@code ended.updatedAt()}. Returns the target's transition first, then
     * the cancelled descendants shallowest first — the same result as the domain's complete, fail
     * or time-out.
     *
     * @throws PreconditionFailedException {@code execution.concurrent_update} when the stored
     *     execution is no longer {@code current}; nothing is written
     * @throws IllegalArgumentException when {@code ended} is not a terminal successor of {@code current}
     */
    List<Transition> finishAndCancelDescendants(TenantId tenantId, Execution current, Execution ended);

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
