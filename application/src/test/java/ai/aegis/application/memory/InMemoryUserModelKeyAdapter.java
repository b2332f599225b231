package ai.aegis.application.memory;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.identity.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of the users' own model keys (nothing to encrypt: nothing leaves the process). */
public final class InMemoryUserModelKeyAdapter implements UserModelKeyPort {

    private final Map<String, ModelApiKey> keys = new ConcurrentHashMap<>();

    @Override
    public void save(TenantId tenant, String subject, ModelApiKey key) {
        keys.put(key(tenant, subject), Objects.requireNonNull(key, "key"));
    }

    @Override
    public boolean remove(TenantId tenant, String subject) {
        return keys.remove(key(tenant, subject)) != null;
    }

    @Override
    public Optional<ModelApiKey> find(TenantId tenant, String subject) {
        return Optional.ofNullable(keys.get(key(tenant, subject)));
    }

    private static String key(TenantId tenant, String subject) {
        return Objects.requireNonNull(tenant, "tenant").value() + "\n" + Objects.requireNonNull(subject, "subject");
    }
}
