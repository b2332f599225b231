package ai.aegis.application.memory;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.seal.SealSession;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** In-memory twin of {@link SealSessionPort}; expired bindings are invisible and then dropped. */
public final class InMemorySealSessionAdapter implements SealSessionPort {

    private final ClockPort clock;
    private final ConcurrentMap<String, SealSession> sessions = new ConcurrentHashMap<>();

    public InMemorySealSessionAdapter(ClockPort clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bind(SealSession session) {
        sessions.values().removeIf(s -> !s.expiresAt().isAfter(clock.now()));
        if (sessions.putIfAbsent(session.tokenId(), session) != null) {
            throw new AlreadyExistsException("seal.session_exists", "an agent key is already bound to this SEAL token");
        }
    }

    @Override
    public Optional<SealSession> findByTokenId(String tokenId) {
        return Optional.ofNullable(sessions.get(tokenId)).filter(s -> s.expiresAt().isAfter(clock.now()));
    }
}
