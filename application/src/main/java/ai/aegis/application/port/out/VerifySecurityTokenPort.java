package ai.aegis.application.port.out;

import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.seal.SecurityToken;

/**
 * Checks that a compact SEAL token was signed by this service (with a current or a retained
 * earlier SEAL key) and reads its claims. Expiry and revocation are the caller's next steps, so
 * that they use the service clock and the revocation store.
 */
public interface VerifySecurityTokenPort {

    /**
     * @throws UnauthenticatedException code {@code seal.token_invalid} when the token is not a
     *     well-formed SEAL token signed by a known SEAL key
     */
    SecurityToken verify(String compactToken);
}
