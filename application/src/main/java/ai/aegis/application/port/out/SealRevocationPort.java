package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SecurityToken;
import java.time.Instant;

/**
 * Revoked SEAL tokens, one by one by token id. Entries may be forgotten after {@code keepUntil}, by
 * which time the tokens they cover have expired anyway.
 *
 * <p>Ending an execution revokes nothing here: a token bound to an execution is honoured only while
 * that execution is Running (the verifications read its status at every call), so the status change
 * that ends it, committed once for a whole cascade, is its tokens' revocation.
 */
public interface SealRevocationPort {

    /** Revokes one token. */
    void revokeToken(String tokenId, Instant keepUntil);

    /** True when this very token has been revoked and the revocation is still kept. */
    boolean isRevoked(SecurityToken token);
}
