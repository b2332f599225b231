package ai.aegis.application.port.out;

import ai.aegis.domain.identity.Identity;
import java.time.Instant;
import java.util.Objects;

/**
 * The outcome of verifying a bearer credential: who the caller is and until when the credential
 * vouches for it. Nothing derived from a credential may outlive {@code expiresAt}.
 */
public record VerifiedCredential(Identity identity, Instant expiresAt) {

    public VerifiedCredential {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
