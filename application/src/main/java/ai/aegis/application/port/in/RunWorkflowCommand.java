package ai.aegis.application.port.in;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.seal.JsonValue;
import java.util.Objects;
import java.util.Optional;

/** Run workflow {@code name} of the caller's registry (its latest version, or {@code version}) in a conversation. */
public record RunWorkflowCommand(Identity identity, ConversationId conversationId, ManifestName name,
        Optional<ManifestVersion> version, JsonValue.JsonObject inputs) {

    public RunWorkflowCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(inputs, "inputs");
    }
}
