package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import java.util.Optional;

/**
 * The language-model API keys users bring themselves (BYOK), at most one per user of a tenant.
 *
 * <p>A stored key is a secret. An adapter keeps it encrypted at rest, bound to its tenant and user
 * so that a row copied to another user does not decrypt, never lists keys, and never logs them. A
 * key that can no longer be decrypted (the server's secrets key changed) is reported as
 * {@code model.byok_key_unreadable}, never returned garbled.
 */
public interface UserModelKeyPort {

    /** Stores {@code key} as the user's own key, replacing any earlier one. */
    void save(TenantId tenant, String subject, ModelApiKey key);

    /** Removes the user's key; true when there was one. */
    boolean remove(TenantId tenant, String subject);

    /**
     * The user's key, if one is stored.
     *
     * @throws ai.aegis.domain.error.UnavailableException {@code model.byok_key_unreadable} when the
     *         stored key cannot be decrypted with this server's secrets key
     */
    Optional<ModelApiKey> find(TenantId tenant, String subject);
}
