package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;
import java.util.Optional;

/**
 * Which tools may this verified identity call in a conversation of this mode? A caller that names
 * no conversation ({@code mode} absent) sees the whole surface of its tier or role.
 */
public record ResolveVisibleToolsQuery(Identity identity, Optional<ConversationMode> mode) {

    public ResolveVisibleToolsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(mode, "mode");
    }

    public ResolveVisibleToolsQuery(Identity identity, ConversationMode mode) {
        this(identity, Optional.of(mode));
    }

    public static ResolveVisibleToolsQuery withoutConversation(Identity identity) {
        return new ResolveVisibleToolsQuery(identity, Optional.empty());
    }
}
