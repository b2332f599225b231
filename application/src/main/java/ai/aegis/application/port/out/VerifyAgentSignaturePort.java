package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SealAgentKey;

/**
 * Checks an agent's Ed25519 signature over a SEAL envelope's signing input. A port so that the
 * adapter can use a faster Ed25519 implementation than the JDK's; {@link SealAgentKey#verifies}
 * is the reference behaviour every implementation must match.
 */
public interface VerifyAgentSignaturePort {

    /** True when {@code signature} is {@code key}'s Ed25519 signature over {@code message}. */
    boolean verifies(SealAgentKey key, byte[] message, byte[] signature);
}
