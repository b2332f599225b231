package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import java.util.OptionalLong;

/**
 * A cap on a count (concurrent executions, volumes) that may be explicitly unlimited. Unlimited is
 * its own state, never a magic number.
 */
public record CountLimit(OptionalLong max) {

    private static final CountLimit UNLIMITED = new CountLimit(OptionalLong.empty());

    public CountLimit {
        if (max == null) {
            throw new IllegalArgumentException("max must not be null; use CountLimit.unlimited()");
        }
        if (max.isPresent() && max.getAsLong() < 0) {
            throw new InvalidInputException("limits.negative", "a count limit cannot be negative");
        }
    }

    public static CountLimit of(long max) {
        return new CountLimit(OptionalLong.of(max));
    }

    public static CountLimit unlimited() {
        return UNLIMITED;
    }

    public boolean isUnlimited() {
        return max.isEmpty();
    }

    /** True when one more may be added to {@code current} without going over the cap. */
    public boolean allowsOneMore(long current) {
        return max.isEmpty() || current < max.getAsLong();
    }

    @Override
    public String toString() {
        return max.isEmpty() ? "unlimited" : Long.toString(max.getAsLong());
    }
}
