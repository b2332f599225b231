package ai.aegis.application.port.out;

import ai.aegis.domain.error.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A language-model provider's API key: the service's own or a user's (BYOK). The key is a secret:
 * {@link #toString()} never shows it and it is read only through {@link #reveal()} at the moment
 * it goes into a request header. Invariant: non-blank, no line breaks (it becomes a header value).
 */
public final class ModelApiKey {

    /** What a key a user brings must look like: what providers issue, and safe as a header value. */
    public static final String USER_KEY_RULE = "8 to 512 visible ASCII characters, no spaces";

    private static final Pattern USER_KEY = Pattern.compile("[\\x21-\\x7e]{8,512}");

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

    /**
     * A key a user brings (BYOK), checked against {@link #USER_KEY_RULE}.
     *
     * @throws InvalidInputException {@code model.key_invalid}, without echoing the value
     */
    public static ModelApiKey userSupplied(String value) {
        if (value == null || !USER_KEY.matcher(value).matches()) {
            throw new InvalidInputException("model.key_invalid", "a model API key is " + USER_KEY_RULE);
        }
        return new ModelApiKey(value);
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
