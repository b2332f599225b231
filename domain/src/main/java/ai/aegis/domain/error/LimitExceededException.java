package ai.aegis.domain.error;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A rate limit, quota or concurrency limit refuses the request for now. When the limit frees up at a
 * known time (a rate-limit window ends), {@link #retryAfter()} says how long from the refusal until
 * then, so adapters can send {@code Retry-After} / {@code retry_after}; it is never negative.
 */
public final class LimitExceededException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    public LimitExceededException(String code, String message) {
        super(ErrorKind.RESOURCE_EXHAUSTED, code, message);
        this.retryAfter = null;
    }

    public LimitExceededException(String code, String message, Throwable cause) {
        super(ErrorKind.RESOURCE_EXHAUSTED, code, message, cause);
        this.retryAfter = null;
    }

    /** A refusal that lifts after {@code retryAfter} (zero or positive). */
    public LimitExceededException(String code, String message, Duration retryAfter) {
        super(ErrorKind.RESOURCE_EXHAUSTED, code, message);
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
        }
        this.retryAfter = retryAfter;
    }

    /** How long after the refusal the limit frees up, when that is known. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
