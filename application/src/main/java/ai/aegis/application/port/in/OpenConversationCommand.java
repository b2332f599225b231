package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * A client names the conversation it speaks in (and, to start it or before its first message,
 * its mode). The id is the client's own; it only has meaning inside the caller's tenant and for
 * the caller.
 */
public record OpenConversationCommand(Identity identity, ConversationId conversationId, Optional<ConversationMode> mode) {

    public OpenConversationCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(mode, "mode");
    }
}
