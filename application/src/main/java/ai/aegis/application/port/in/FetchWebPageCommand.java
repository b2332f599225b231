package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.SecurityContext;
import java.util.Objects;

/**
 * Who asks {@code web.fetch} for which URL, and the security context the fetch runs under: the
 * caller's built-in context ({@link #of}) for a person's chat surface, or an execution's effective
 * context for an agent (its domain allow-list then applies to the URL and to every redirect).
 */
public record FetchWebPageCommand(Identity identity, SecurityContext context, String url) {

    /** URLs longer than this are refused before any work. */
    public static final int MAX_URL_LENGTH = 8_192;

    public FetchWebPageCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(context, "context");
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("web.invalid_url", "web.fetch needs an http or https URL");
        }
        url = url.strip();
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidInputException("web.invalid_url", "the URL is longer than " + MAX_URL_LENGTH + " characters");
        }
    }

    /** A fetch under the caller's own built-in context ({@code zaru-<tier>} or the operator context). */
    public static FetchWebPageCommand of(Identity identity, String url) {
        return new FetchWebPageCommand(identity, BuiltInContexts.forIdentity(identity), url);
    }
}
