package ai.aegis.application.port.out;

import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.MyzaruJWT;

/**
 * Turns a bearer credential into a verified identity: signature against the trusted identity
 * provider's keys, issuer, audience, validity window, and the realm's claims. The identity comes
 * from the verified token only.
 */
public interface VerifyCredentialPort {

    /**
     * Verifies the credential.
     *
     * @throws UnauthenticatedException with a short reason code ({@code token.expired},
     *     {@code token.signature_invalid}, ...) when the credential is not acceptable; the message
     *     never contains the token
     * @throws UnavailableException when the identity provider's keys cannot be obtained
     */
    VerifiedCredential verify(MyzaruJWT credential);
}
