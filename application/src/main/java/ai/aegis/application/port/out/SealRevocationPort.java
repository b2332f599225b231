package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SecurityToken;
import java.time.Instant;
import java.util.Map;

/**
 * Revoked SEAL tokens. A token is revoked by its id, or wholesale by the execution it is bound to
 * (ending, cancelling or timing out an execution revokes every token of it). Entries may be
 * forgotten after {@code keepUntil}, by which time the tokens they cover have expired anyway.
 */
public interface SealRevocationPort {

    /** Revokes one token. */
    void revokeToken(String tokenId, Instant keepUntil);

    /** Revokes every token bound to the execution, issued before or after this call. */
    void revokeExecution(String executionId, Instant keepUntil);

    /**
     * Revokes every token of each execution in the map, each until its own keep-until: the same as
     * {@link #revokeExecution} for each entry, in one write when the adapter can.
     */
    default void revokeExecutions(Map<String, Instant> keepUntilByExecution) {
        for (Map.Entry<String, Instant> entry : keepUntilByExecution.entrySet()) {
            revokeExecution(entry.getKey(), entry.getValue());
        }
    }

    /** True when the token, or the execution it is bound to, has been revoked. */
    boolean isRevoked(SecurityToken token);
}
