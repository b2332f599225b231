package ai.aegis.domain.execution;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.time.Instant;
import java.util.Objects;

/** What is needed to start the root execution of a conversation: who, where, and its budget. */
public record NewRoot(
        ExecutionId id,
        TenantId tenantId,
        String ownerSubject,
        ConversationId conversationId,
        SecurityContext securityContext,
        Instant deadline,
        long memoryBytes,
        int maxIterations) {

    public NewRoot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
    }
}
