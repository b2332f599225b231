package ai.aegis.domain.execution;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The fact that an execution entered a status: created ({@code from} empty, {@code to} Pending) or
 * moved from one status to another. Published so that nodes stop cancelled work, SEAL tokens of
 * ended executions are revoked, and clients see progress.
 */
public record ExecutionStatusChange(
        TenantId tenantId,
        ConversationId conversationId,
        ExecutionId rootId,
        ExecutionId executionId,
        Optional<ExecutionStatus> from,
        ExecutionStatus to,
        Instant at) {

    public ExecutionStatusChange {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(rootId, "rootId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }

    /** The change from {@code before} (absent for a new execution) to {@code after}. */
    public static ExecutionStatusChange between(Optional<Execution> before, Execution after) {
        return new ExecutionStatusChange(after.tenantId(), after.conversationId(), after.rootId(), after.id(),
                before.map(Execution::status), after.status(), after.updatedAt());
    }
}
