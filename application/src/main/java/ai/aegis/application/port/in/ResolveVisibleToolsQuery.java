package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Which tools may this verified identity call in a conversation of this mode? */
public record ResolveVisibleToolsQuery(Identity identity, ConversationMode mode) {

    public ResolveVisibleToolsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(mode, "mode");
    }
}
