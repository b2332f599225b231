package ai.aegis.application.port.out;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionStatus;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which executions a listing returns. Every criterion narrows: an owner, a conversation, a set of
 * statuses (empty means any status), and whether only roots (the top-level tasks a person started)
 * are wanted. Listings are newest first.
 */
public record ExecutionListFilter(Optional<String> ownerSubject, Optional<ConversationId> conversationId,
        Set<ExecutionStatus> statuses, boolean rootsOnly) {

    public ExecutionListFilter {
        Objects.requireNonNull(ownerSubject, "ownerSubject");
        Objects.requireNonNull(conversationId, "conversationId");
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    /** Every execution. */
    public static ExecutionListFilter all() {
        return new ExecutionListFilter(Optional.empty(), Optional.empty(), Set.of(), false);
    }

    public ExecutionListFilter ownedBy(String subject) {
        return new ExecutionListFilter(Optional.of(subject), conversationId, statuses, rootsOnly);
    }

    public ExecutionListFilter inConversation(ConversationId conversation) {
        return new ExecutionListFilter(ownerSubject, Optional.of(conversation), statuses, rootsOnly);
    }

    public ExecutionListFilter withStatuses(Set<ExecutionStatus> wanted) {
        return new ExecutionListFilter(ownerSubject, conversationId, wanted, rootsOnly);
    }

    public ExecutionListFilter onlyRoots() {
        return new ExecutionListFilter(ownerSubject, conversationId, statuses, true);
    }
}
