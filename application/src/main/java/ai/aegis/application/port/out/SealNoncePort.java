package ai.aegis.application.port.out;

import java.time.Instant;

/**
 * Replay protection for SEAL envelopes: remembers which envelope nonces have been seen. Shared by
 * every instance once persistence backs it, so a replay to another instance is refused too.
 */
public interface SealNoncePort {

    /**
     * Records the nonce atomically. Answers {@code true} the first time a nonce is seen and
     * {@code false} on every later call until {@code keepUntil} has passed.
     */
    boolean recordFirstUse(String nonce, Instant keepUntil);
}
