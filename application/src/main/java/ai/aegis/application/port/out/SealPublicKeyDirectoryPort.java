package ai.aegis.application.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where every instance of the service publishes the public halves of its SEAL signing keys, so
 * that a token signed by one instance (or by this instance before a restart) verifies on every
 * other until it expires. Only public keys are shared; each instance keeps its private key to
 * itself.
 */
public interface SealPublicKeyDirectoryPort {

    /**
     * Publishes (or keeps publishing) a public key as a JWK JSON object until {@code validUntil};
     * publishing again with a later instant extends it, never shortens it.
     */
    void publish(String keyId, String publicJwkJson, Instant validUntil);

    /** The public JWK of {@code keyId}, if published and still valid at {@code now}. */
    Optional<String> find(String keyId, Instant now);

    /** Every public JWK still valid at {@code now}. */
    List<String> valid(Instant now);
}
