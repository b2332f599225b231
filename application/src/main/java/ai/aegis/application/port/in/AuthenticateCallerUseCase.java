package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnauthenticatedException;

/**
 * Establishes who is calling (the ZaruAuthMiddleware step, for MCP and gRPC alike): verifies the
 * bearer token, checks the optional identity headers against it, and issues the request's SEAL
 * security token for the identity's security context.
 */
public interface AuthenticateCallerUseCase {

    /**
     * @throws UnauthenticatedException (401) when the credential is not acceptable, with a reason code
     * @throws AccessDeniedException (403) code {@code identity.header_mismatch} when an identity
     *     header disagrees with the verified token
     */
    AuthenticatedCaller authenticate(AuthenticateCallerCommand command);
}
