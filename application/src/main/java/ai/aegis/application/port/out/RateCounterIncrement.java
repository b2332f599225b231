package ai.aegis.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * One count to take in {@link RateLimitCounterPort#tryAddAll}: add {@code amount} to the counter
 * {@code counter} of the window starting at {@code windowStart}, only if it then stays at most
 * {@code limit}. {@code windowEnd} is when the window's count stops mattering (it may be purged).
 */
public record RateCounterIncrement(String counter, Instant windowStart, Instant windowEnd, long amount, long limit) {

    public RateCounterIncrement {
        if (counter == null || counter.isEmpty() || counter.length() > 300) {
            throw new IllegalArgumentException("a counter name is 1 to 300 characters");
        }
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("a window ends after it starts");
        }
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1, not " + amount);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, not " + limit);
        }
    }
}
