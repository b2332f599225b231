package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Draft, check and deploy a manifest of {@code kind} from a person's plain-English {@code intent}.
 * {@code progress} receives each step as a plain-English sentence while the work goes on (the MCP
 * adapter turns them into progress notifications).
 */
public record GenerateManifestCommand(Identity identity, ManifestKind kind, String intent, Consumer<String> progress) {

    /** The longest intent accepted. */
    public static final int MAX_INTENT_CHARS = 20_000;

    public GenerateManifestCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(progress, "progress");
        if (intent.isBlank()) {
            throw new ai.aegis.domain.error.InvalidInputException("authoring.intent_missing",
                    "describe in plain words what the " + kind.slug() + " should do");
        }
        if (intent.length() > MAX_INTENT_CHARS) {
            throw new ai.aegis.domain.error.InvalidInputException("authoring.intent_too_long",
                    "the description is longer than " + MAX_INTENT_CHARS + " characters; shorten it");
        }
    }
}
