package ai.aegis.application.memory;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.domain.seal.SecurityToken;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link SealRevocationPort}; entries are forgotten after their keep-until instant. */
public final class InMemorySealRevocationAdapter implements SealRevocationPort {

    private final ClockPort clock;
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();

    public InMemorySealRevocationAdapter(ClockPort clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void revokeToken(String tokenId, Instant keepUntil) {
        tokens.merge(tokenId, keepUntil, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public boolean isRevoked(SecurityToken token) {
        Instant now = clock.now();
        tokens.values().removeIf(until -> !until.isAfter(now));
        return tokens.containsKey(token.tokenId());
    }
}
