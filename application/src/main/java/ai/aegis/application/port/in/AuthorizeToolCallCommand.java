package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller wants to call {@code toolName} in one of their conversations, or outside any
 * conversation ({@code conversationId} absent: the whole surface of its tier or role applies).
 */
public record AuthorizeToolCallCommand(Identity identity, Optional<ConversationId> conversationId, String toolName) {

    public AuthorizeToolCallCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(toolName, "toolName");
    }

    public AuthorizeToolCallCommand(Identity identity, ConversationId conversationId, String toolName) {
        this(identity, Optional.of(conversationId), toolName);
    }

    public static AuthorizeToolCallCommand withoutConversation(Identity identity, String toolName) {
        return new AuthorizeToolCallCommand(identity, Optional.empty(), toolName);
    }
}
