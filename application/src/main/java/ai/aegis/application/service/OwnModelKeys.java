package ai.aegis.application.service;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Which key a user's model calls use. While BYOK is on for the user, their own stored key, and then
 * their calls are exempt from the LLM call and token limits; BYOK on without a stored key is refused
 * rather than spending the server's key without limits. Otherwise the server's key (empty here).
 */
final class OwnModelKeys {

    private final TenantAccountPort accounts;
    private final UserModelKeyPort keys;

    OwnModelKeys(TenantAccountPort accounts, UserModelKeyPort keys) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * The user's own key while BYOK is on; empty for the server's key.
     *
     * @throws PreconditionFailedException {@code model.byok_key_missing} when BYOK is on but no key is stored
     */
    Optional<ModelApiKey> forUser(TenantId tenant, String subject) {
        if (!accounts.user(tenant, subject).byok()) {
            return Optional.empty();
        }
        return Optional.of(keys.find(tenant, subject).orElseThrow(() -> new PreconditionFailedException(
                "model.byok_key_missing", "this account brings its own model API key (BYOK), but none is stored;"
                        + " an administrator stores it with aegis.user.update (model_key)")));
    }
}
