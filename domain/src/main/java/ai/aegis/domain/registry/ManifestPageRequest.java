package ai.aegis.domain.registry;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a listing to read: at most {@code limit} names (1 to {@value #MAX_LIMIT}), in name
 * order, starting after {@code after} (the cursor a previous page returned). Name-keyed cursors
 * stay correct while others deploy or delete in between.
 */
public record ManifestPageRequest(int limit, Optional<ManifestName> after) {

    public static final int MAX_LIMIT = 200;
    public static final int DEFAULT_LIMIT = 50;

    public ManifestPageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("registry.limit_invalid", "limit must be between 1 and " + MAX_LIMIT);
        }
        Objects.requireNonNull(after, "after");
    }

    public static ManifestPageRequest first(int limit) {
        return new ManifestPageRequest(limit, Optional.empty());
    }
}
