package ai.aegis.domain.seal;

import java.time.Instant;
import java.util.Objects;

/**
 * The binding made at attestation between a SEAL token and the agent key that signs envelopes
 * under it. An envelope is only ever verified with the key bound to its token, so a stolen token
 * without the agent's private key is useless.
 *
 * <p>Invariant: the binding lives no longer than its token ({@code expiresAt} equals the token's
 * expiry); the execution id, when present, is the token's.
 */
public record SealSession(String tokenId, SealAgentKey agentKey, String executionId, Instant expiresAt) {

    public SealSession {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(agentKey, "agentKey");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Binds {@code agentKey} to {@code token} for the token's whole life. */
    public static SealSession bind(SecurityToken token, SealAgentKey agentKey) {
        return new SealSession(token.tokenId(), agentKey, token.executionId(), token.expiresAt());
    }

    /** True when this binding belongs to {@code token}. */
    public boolean belongsTo(SecurityToken token) {
        return tokenId.equals(token.tokenId()) && Objects.equals(executionId, token.executionId());
    }
}
