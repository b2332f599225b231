package ai.aegis.adapters.grpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The shared secret nodes present ({@code AEGIS_NODE_TOKEN}), kept as bytes and compared in
 * constant time. Absent when only mutual TLS authenticates nodes. {@link #toString()} never shows
 * the secret.
 */
public final class NodeCredentials {

    /** Shortest secret accepted: a guessable node token would open every tenant's work. */
    public static final int MIN_LENGTH = 16;

    private final byte[] secret;

    private NodeCredentials(byte[] secret) {
        this.secret = secret;
    }

    /**
     * @param secret the configured token, or empty to accept client certificates only
     * @throws IllegalArgumentException when the token is shorter than {@value #MIN_LENGTH} characters
     */
    public static NodeCredentials of(Optional<String> secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.isEmpty()) {
            return new NodeCredentials(null);
        }
        if (secret.get().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("AEGIS_NODE_TOKEN must be at least " + MIN_LENGTH + " characters long");
        }
        return new NodeCredentials(secret.get().getBytes(StandardCharsets.UTF_8));
    }

    /** True when the presented token equals the configured one (time independent of where they differ). */
    boolean matches(String presented) {
        if (secret == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    boolean hasSecret() {
        return secret != null;
    }

    @Override
    public String toString() {
        return secret == null ? "NodeCredentials[client certificates only]" : "NodeCredentials[secret configured]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeCredentials that && Arrays.equals(secret, that.secret);
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
