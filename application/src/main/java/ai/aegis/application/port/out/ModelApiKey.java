package ai.aegis.application.port.out;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A language-model provider's API key: the service's own or a user's (BYOK). The key is a secret:
 * {@link #toString()} never shows it and it is read only through {@link #reveal()} at the moment
 * it goes into a request header. Invariant: non-blank, no line breaks (it becomes a header value).
 */
public final class ModelApiKey {

    private final String value;

    private ModelApiKey(String value) {
        this.value = value;
    }

    /** @throws IllegalArgumentException when blank or containing a line break */
    public static ModelApiKey of(String value) {
        if (value == null || value.isBlank() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a model API key must be a non-blank single line");
        }
        return new ModelApiKey(value.strip());
    }

    /** The key itself, only for the request header. */
    public String reveal() {
        return value;
    }

    /** A short non-secret fingerprint (first 8 hex digits of SHA-256) for telling keys apart in logs. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ModelApiKey key && MessageDigest.isEqual(
                key.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "ModelApiKey[redacted]";
    }
}
