package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Objects;

/** One effective rate limit: at most {@code max} uses of what {@code key} names per window. */
public record RateLimit(RateLimitKey key, long max) {

    public RateLimit {
        Objects.requireNonNull(key, "key");
        if (max < 0) {
            throw new InvalidInputException("limits.negative", "a rate limit cannot be negative");
        }
    }
}
