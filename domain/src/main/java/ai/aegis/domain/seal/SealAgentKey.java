package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An agent's Ed25519 public key (the 32-byte RFC 8032 encoding), bound to a SEAL token at
 * attestation. Envelopes the agent sends are verified with it. The JDK's own Ed25519 does the
 * verification, so the domain needs no library.
 */
public final class SealAgentKey {

    /** Length of an Ed25519 public key and of the base64url text of it (no padding). */
    public static final int RAW_LENGTH = 32;

    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final byte[] raw;
    private final PublicKey publicKey;

    private SealAgentKey(byte[] raw) {
        this.raw = raw.clone();
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, RAW_LENGTH);
        try {
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException("seal.agent_key_invalid", "the agent key is not an Ed25519 public key", e);
        }
    }

    /**
     * Reads the base64url (unpadded) form, as in the {@code x} member of an OKP JWK.
     *
     * @throws InvalidInputException code {@code seal.agent_key_invalid}
     */
    public static SealAgentKey fromBase64Url(String text) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("seal.agent_key_invalid", "the agent key is not base64url text");
        }
        return fromRaw(raw);
    }

    /** Wraps the 32-byte RFC 8032 public key. */
    public static SealAgentKey fromRaw(byte[] raw) {
        if (raw == null || raw.length != RAW_LENGTH) {
            throw new InvalidInputException("seal.agent_key_invalid", "an Ed25519 public key is 32 bytes");
        }
        return new SealAgentKey(raw);
    }

    /** Reads the key out of a JDK Ed25519 public key (its X.509 encoding). */
    public static SealAgentKey fromPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != X509_PREFIX.length + RAW_LENGTH
                || !Arrays.equals(X509_PREFIX, 0, X509_PREFIX.length, encoded, 0, X509_PREFIX.length)) {
            throw new InvalidInputException("seal.agent_key_invalid", "the key is not an Ed25519 public key");
        }
        return fromRaw(Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length));
    }

    /** The 32-byte RFC 8032 encoding (a copy). */
    public byte[] rawBytes() {
        return raw.clone();
    }

    /** The base64url (unpadded) text of the 32-byte key. */
    public String toBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** True when {@code signature} is this key's Ed25519 signature over {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by every Java 17 runtime", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealAgentKey that && Arrays.equals(raw, that.raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "SealAgentKey[" + toBase64Url() + "]";
    }
}
