package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.SecurityContext;
import java.util.Objects;

/**
 * Who asks {@code web.search} for what, how many results at most ({@value #MIN_LIMIT} to
 * {@value #MAX_LIMIT}), and the security context the search runs under.
 */
public record SearchWebQuery(Identity identity, SecurityContext context, String query, int limit) {

    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 50;
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_QUERY_LENGTH = 1_000;

    public SearchWebQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(context, "context");
        if (query == null || query.isBlank()) {
            throw new InvalidInputException("web.query_missing", "web.search needs words to search for");
        }
        query = query.strip();
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidInputException("web.query_too_long",
                    "the search query is longer than " + MAX_QUERY_LENGTH + " characters");
        }
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new InvalidInputException("web.invalid_limit",
                    "the number of results must be from " + MIN_LIMIT + " to " + MAX_LIMIT);
        }
    }

    /** A search under the caller's own built-in context. */
    public static SearchWebQuery of(Identity identity, String query, int limit) {
        return new SearchWebQuery(identity, BuiltInContexts.forIdentity(identity), query, limit);
    }
}
