package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnauthenticatedException;

/**
 * Checks an execution-scoped call: the SEAL token verifies, has not expired, is not revoked, and is
 * bound to exactly the execution the call is about. A token for execution A never acts on B, even
 * when B is A's own child or parent.
 */
public interface AuthenticateExecutionCallerUseCase {

    /**
     * @throws UnauthenticatedException {@code seal.token_missing}, {@code seal.token_invalid},
     *     {@code seal.token_expired}, {@code seal.token_revoked}
     * @throws AccessDeniedException {@code seal.token_other_execution}
     */
    ExecutionCaller authenticate(AuthenticateExecutionCallerCommand command);
}
