package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Start a conversation in a chosen mode. */
public record StartConversationCommand(Identity identity, ConversationMode mode) {

    public StartConversationCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(mode, "mode");
    }
}
