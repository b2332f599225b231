package ai.aegis.application.port.out;

import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;

/**
 * Signs SEAL security tokens with the service's current SEAL key. The signer gives every token a
 * fresh, unguessable token id ({@code jti}).
 */
public interface IssueSecurityTokenPort {

    /** Signs the claims as a new token with a fresh token id. */
    SignedSecurityToken issue(SecurityTokenClaims claims);
}
