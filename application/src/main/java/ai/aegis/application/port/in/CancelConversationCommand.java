package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** The person cancelled the session: cancel its active root and, through it, the whole swarm. */
public record CancelConversationCommand(Identity identity, ConversationId conversationId) {

    public CancelConversationCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
    }
}
