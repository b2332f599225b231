package ai.aegis.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link RateLimitCounterPort#tryAddAll} did: every count was added, or none was because
 * {@code refusedBy} would have gone over its limit; {@code currentCount} is then that counter's
 * count (unchanged by the refused call). Invariant: {@code currentCount} is 0 when admitted.
 */
public record RateCounterOutcome(Optional<RateCounterIncrement> refusedBy, long currentCount) {

    private static final RateCounterOutcome ADMITTED = new RateCounterOutcome(Optional.empty(), 0);

    public RateCounterOutcome {
        Objects.requireNonNull(refusedBy, "refusedBy");
        if (currentCount < 0 || (refusedBy.isEmpty() && currentCount != 0)) {
            throw new IllegalArgumentException("an admitted outcome has no count; a count is never negative");
        }
    }

    public static RateCounterOutcome admitted() {
        return ADMITTED;
    }

    public static RateCounterOutcome refused(RateCounterIncrement refusedBy, long currentCount) {
        return new RateCounterOutcome(Optional.of(refusedBy), currentCount);
    }

    public boolean isAdmitted() {
        return refusedBy.isEmpty();
    }
}
