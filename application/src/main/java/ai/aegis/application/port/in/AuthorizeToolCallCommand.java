package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** A caller wants to call {@code toolName} in one of their conversations. */
public record AuthorizeToolCallCommand(Identity identity, ConversationId conversationId, String toolName) {

    public AuthorizeToolCallCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(toolName, "toolName");
    }
}
