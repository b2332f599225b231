package ai.aegis.domain.identity;

import ai.aegis.domain.error.UnauthenticatedException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The raw bearer credential of a caller, held in a redacted wrapper. It is a highly sensitive
 * credential: {@link #toString()} never shows it, equality does not leak it through timing, and
 * no error raised here quotes it. Only the credential verifier reads it, through {@link #reveal()}.
 *
 * <p>Invariant: a compact JWS shape (three base64url segments), at most 16 KiB.
 */
public final class MyzaruJWT {

    /** Upper bound on an accepted token; larger headers are refused before any parsing. */
    public static final int MAX_LENGTH = 16 * 1024;

    private static final boolean[] BASE64URL = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) {
            BASE64URL[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            BASE64URL[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            BASE64URL[c] = true;
        }
        BASE64URL['-'] = true;
        BASE64URL['_'] = true;
    }

    private final String token;
    /** Computed once: the verifier and the SEAL reuse both key on it within one request. */
    private volatile String fingerprint;

    private MyzaruJWT(String token) {
        this.token = token;
    }

    /**
     * Wraps a bearer token after a shape check.
     *
     * @throws UnauthenticatedException with code {@code token.missing} or {@code token.malformed};
     *     the message never contains the token
     */
    public static MyzaruJWT of(String token) {
        if (token == null || token.isBlank()) {
            throw new UnauthenticatedException("token.missing", "no bearer token was presented");
        }
        if (token.length() > MAX_LENGTH) {
            throw new UnauthenticatedException("token.malformed", "the bearer token is larger than 16 KiB");
        }
        // One pass: every character base64url or a dot, exactly two dots, no empty header or payload.
        int dots = 0;
        boolean emptySegment = false;
        char previous = '.';
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                emptySegment |= previous == '.';
                dots++;
            } else if (c >= 128 || !BASE64URL[c]) {
                throw new UnauthenticatedException("token.malformed",
                        "the bearer token is not a compact JWT (unexpected character)");
            }
            previous = c;
        }
        if (dots != 2 || emptySegment) {
            throw new UnauthenticatedException("token.malformed",
                    "the bearer token is not a compact JWT (expected header.payload.signature)");
        }
        return new MyzaruJWT(token);
    }

    /** The raw token, for the verifier only. Never log, persist or echo the result. */
    public String reveal() {
        return token;
    }

    /**
     * A SHA-256 fingerprint of the token, hex-encoded: safe as a cache key, never reversible to the
     * token.
     */
    public String fingerprint() {
        String known = fingerprint;
        if (known == null) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
                known = HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
            }
            fingerprint = known;
        }
        return known;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MyzaruJWT that
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                        that.token.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return token.length();
    }

    @Override
    public String toString() {
        return "MyzaruJWT[redacted]";
    }
}
