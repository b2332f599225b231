package ai.aegis.application.memory;

import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The in-memory twin of {@link SealPublicKeyDirectoryPort}: one map shared by every "instance" that holds it. */
public final class InMemorySealPublicKeyDirectoryAdapter implements SealPublicKeyDirectoryPort {

    private record Entry(String jwk, Instant validUntil) {
    }

    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    @Override
    public void publish(String keyId, String publicJwkJson, Instant validUntil) {
        keys.merge(keyId, new Entry(publicJwkJson, validUntil),
                (old, fresh) -> fresh.validUntil().isAfter(old.validUntil()) ? fresh : old);
    }

    @Override
    public Optional<String> find(String keyId, Instant now) {
        return Optional.ofNullable(keys.get(keyId)).filter(e -> now.isBefore(e.validUntil())).map(Entry::jwk);
    }

    @Override
    public List<String> valid(Instant now) {
        List<String> valid = new ArrayList<>();
        keys.values().stream().filter(e -> now.isBefore(e.validUntil())).forEach(e -> valid.add(e.jwk()));
        return valid;
    }
}
