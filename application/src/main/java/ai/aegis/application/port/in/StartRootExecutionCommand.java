package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Start the root execution of a conversation (for example from {@code aegis.task.execute}). */
public record StartRootExecutionCommand(Identity identity, ConversationId conversationId) {

    public StartRootExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
    }
}
