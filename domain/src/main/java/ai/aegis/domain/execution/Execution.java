package ai.aegis.domain.execution;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.CeilingDimension;
import ai.aegis.domain.security.CeilingViolation;
import ai.aegis.domain.security.SecurityContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One agent execution, a node of an {@link ExecutionTree}. It carries its effective security
 * context and its budget (deadline, memory, iterations), which a child can only narrow.
 *
 * <p>Invariants: a root has no parent, depth 0 and is its own root; a child has a parent, depth
 * of at least 1 and a different root; {@code 0 <= iterationCount <= maxIterations};
 * {@code createdAt <= updatedAt}; status changes follow {@link ExecutionStatus}.
 */
public record Execution(
        ExecutionId id,
        TenantId tenantId,
        String ownerSubject,
        ConversationId conversationId,
        Optional<ExecutionId> parentId,
        ExecutionId rootId,
        int depth,
        ExecutionStatus status,
        SecurityContext securityContext,
        Instant deadline,
        long memoryBytes,
        int maxIterations,
        int iterationCount,
        Instant createdAt,
        Instant updatedAt) {

    public Execution {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(rootId, "rootId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (ownerSubject == null || ownerSubject.isBlank()) {
            throw new InvalidInputException("execution.missing_owner", "an execution needs an owner");
        }
        boolean root = parentId.isEmpty();
        if (root != (depth == 0) || root != rootId.equals(id) || depth < 0) {
            throw new IllegalArgumentException("inconsistent tree position for execution " + id);
        }
        if (memoryBytes <= 0) {
            throw new InvalidInputException("execution.invalid_memory", "execution memory must be positive");
        }
        if (maxIterations < 1) {
            throw new InvalidInputException("execution.invalid_iterations", "an execution needs at least one iteration");
        }
        if (iterationCount < 0 || iterationCount > maxIterations) {
            throw new IllegalArgumentException("iteration count out of range for execution " + id);
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt before createdAt for execution " + id);
        }
    }

    public boolean isRoot() {
        return parentId.isEmpty();
    }

    public boolean isActive() {
        return status.isActive();
    }

    /**
     * A new Pending child of this execution, which must be active, with the requested context and
     * budget: the ceiling rule (a child never gets more than its parent in any dimension) and the
     * depth cap are checked here, against this execution alone, so a spawn needs nothing else of its
     * tree.
     *
     * @throws PreconditionFailedException {@code execution.parent_not_active} when this execution has ended
     * @throws AccessDeniedException {@code subordination.depth} past the depth cap, or
     *     {@code ceiling.<dimension>} when the request is broader than this execution
     * @throws InvalidInputException when the deadline is not after {@code now} or the budget is not positive
     */
    public Execution spawnChild(int maxDepth, SecurityContext requestedContext, Instant requestedDeadline,
            long requestedMemory, int requestedIterations, Instant now, ExecutionId newId) {
        if (!isActive()) {
            throw new PreconditionFailedException("execution.parent_not_active", "execution " + id + " is "
                    + status.displayName() + ", so it cannot spawn children");
        }
        if (depth + 1 > maxDepth) {
            throw new AccessDeniedException("subordination.depth", "execution " + id + " is at depth "
                    + depth + " and children may be at most " + maxDepth + " levels below the root");
        }
        Optional<CeilingViolation> violation = requestedContext.exceedsCeilingOf(securityContext);
        if (violation.isPresent()) {
            throw violation.get().toException();
        }
        if (!requestedDeadline.isAfter(now)) {
            throw new InvalidInputException("execution.deadline_past", "the deadline of a new execution must be in the future");
        }
        if (requestedDeadline.isAfter(deadline)) {
            throw ceiling(CeilingDimension.DEADLINE, "the requested deadline " + requestedDeadline
                    + " is later than the parent's deadline " + deadline);
        }
        if (requestedMemory <= 0 || requestedIterations < 1) {
            throw new InvalidInputException("execution.invalid_budget", "a child needs positive memory and at least one iteration");
        }
        if (requestedMemory > memoryBytes) {
            throw ceiling(CeilingDimension.MEMORY, "the requested memory of " + requestedMemory
                    + " bytes is more than the parent's " + memoryBytes + " bytes");
        }
        if (requestedIterations > maxIterations) {
            throw ceiling(CeilingDimension.ITERATIONS, "the requested " + requestedIterations
                    + " iterations are more than the parent's " + maxIterations);
        }
        return new Execution(newId, tenantId, ownerSubject, conversationId, Optional.of(id), rootId, depth + 1,
                ExecutionStatus.PENDING, requestedContext, requestedDeadline, requestedMemory, requestedIterations, 0,
                now, now);
    }

    private static AccessDeniedException ceiling(CeilingDimension dimension, String why) {
        return new AccessDeniedException(dimension.code(), "a child execution may not exceed its parent: " + why);
    }

    /**
     * True when this execution keeps everything {@code earlier} was created with: the same execution
     * at another point of its life, where only status, iteration count and update time move.
     */
    public boolean sameCreationAs(Execution earlier) {
        return id.equals(earlier.id) && tenantId.equals(earlier.tenantId) && ownerSubject.equals(earlier.ownerSubject)
                && conversationId.equals(earlier.conversationId) && parentId.equals(earlier.parentId)
                && rootId.equals(earlier.rootId) && depth == earlier.depth && securityContext.equals(earlier.securityContext)
                && deadline.equals(earlier.deadline) && memoryBytes == earlier.memoryBytes
                && maxIterations == earlier.maxIterations && createdAt.equals(earlier.createdAt);
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    /**
     * This execution in status {@code next} as of {@code now}.
     *
     * @throws PreconditionFailedException {@code execution.illegal_transition}
     */
    public Execution transitionTo(ExecutionStatus next, Instant now) {
        status.requireTransitionTo(next, id);
        return new Execution(id, tenantId, ownerSubject, conversationId, parentId, rootId, depth, next, securityContext,
                deadline, memoryBytes, maxIterations, iterationCount, createdAt, later(now));
    }

    /**
     * This execution with one more iteration used.
     *
     * @throws PreconditionFailedException {@code execution.not_running} unless Running
     * @throws LimitExceededException {@code execution.iterations_exhausted} when every iteration is used
     */
    public Execution withNextIteration(Instant now) {
        if (status != ExecutionStatus.RUNNING) {
            throw new PreconditionFailedException("execution.not_running", "execution " + id + " is "
                    + status.displayName() + ", so it cannot start another iteration");
        }
        if (iterationCount >= maxIterations) {
            throw new LimitExceededException("execution.iterations_exhausted", "execution " + id + " has used all "
                    + maxIterations + " of its iterations");
        }
        return new Execution(id, tenantId, ownerSubject, conversationId, parentId, rootId, depth, status, securityContext,
                deadline, memoryBytes, maxIterations, iterationCount + 1, createdAt, later(now));
    }

    private Instant later(Instant now) {
        return now.isBefore(updatedAt) ? updatedAt : now;
    }
}
