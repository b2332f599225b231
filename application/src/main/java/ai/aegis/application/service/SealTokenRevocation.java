package ai.aegis.application.service;

import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.seal.SecurityToken;

/**
 * When a SEAL token stops acting, in one place. A token is revoked one by one
 * ({@link SealRevocationPort}); a token bound to an execution is also revoked by that execution's
 * end: it acts only while the execution is Running, so the status change that ends it (for a whole
 * cascade, one statement) is the revocation. Both uses of a token ask here: a node's call about its
 * execution ({@link ExecutionCallerService}) and an agent's envelope
 * ({@link SealEnvelopeVerificationService}, whose policy step {@link SecurityContextToolPolicy} reads
 * the execution's record).
 */
final class SealTokenRevocation {

    private SealTokenRevocation() {
    }

    /** Refuses a token revoked by its id. */
    static void requireNotRevoked(SealRevocationPort revocations, SecurityToken token) {
        if (revocations.isRevoked(token)) {
            throw new UnauthenticatedException("seal.token_revoked", "the SEAL token was revoked");
        }
    }

    /** The refusal of a token whose execution is not Running (ended, or not yet begun). */
    static UnauthenticatedException executionNotRunning(String executionId) {
        return new UnauthenticatedException("seal.token_revoked", "the SEAL token was revoked: execution " + executionId
                + " is not running, and a token acts only while its execution runs");
    }
}
