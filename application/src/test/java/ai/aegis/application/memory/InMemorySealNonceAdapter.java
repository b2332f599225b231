package ai.aegis.application.memory;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** In-memory twin of {@link SealNoncePort}: atomic first-use, forgetting nonces once they expire. */
public final class InMemorySealNonceAdapter implements SealNoncePort {

    private final ClockPort clock;
    private final ConcurrentMap<String, Instant> seen = new ConcurrentHashMap<>();

    public InMemorySealNonceAdapter(ClockPort clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean recordFirstUse(String nonce, Instant keepUntil) {
        Instant now = clock.now();
        seen.values().removeIf(until -> !until.isAfter(now));
        return seen.putIfAbsent(nonce, keepUntil) == null;
    }

    /** How many nonces are remembered right now (for tests of expiry). */
    public int size() {
        return seen.size();
    }
}
