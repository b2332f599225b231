package ai.aegis.application.port.in;

/**
 * Verifies a SEAL envelope in the protocol's order: token (signature, expiry, not revoked) →
 * envelope signature with the agent key bound at attestation → freshness → nonce (no replay) →
 * context policy for the tool call → rate limit. The first failing step refuses the call with its
 * own error code; later steps do not run (so a refused call is never counted).
 */
public interface VerifySealEnvelopeUseCase {

    VerifiedSealCall verify(VerifySealEnvelopeCommand command);
}
