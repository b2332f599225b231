package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.seal.SignedSecurityToken;

/**
 * SEAL attestation: issues a token for a running execution, derived from its record, and binds the
 * agent's key to it so that envelopes under the token are verified with that key only. The caller
 * (a node, over gRPC) must have been authenticated and shown to own the execution beforehand.
 */
public interface AttestSealAgentUseCase {

    /** @throws NotFoundException code {@code seal.execution_not_running} when there is nothing to attest */
    SignedSecurityToken attest(AttestSealAgentCommand command);
}
