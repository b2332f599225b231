package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestPageRequest;
import java.util.Objects;

/** Find names of a kind whose name or description contains {@code text} (1 to {@value #MAX_TEXT} characters, any case). */
public record SearchManifestsQuery(Identity identity, ManifestKind kind, String text, ManifestPageRequest page,
        OperatorArguments arguments) {

    public static final int MAX_TEXT = 200;

    public SearchManifestsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(arguments, "arguments");
        if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
            throw new InvalidInputException("registry.search_text_invalid",
                    "the search text must hold 1 to " + MAX_TEXT + " characters");
        }
    }
}
