package ai.aegis.application.port.in;

import ai.aegis.domain.seal.SealAgentKey;
import java.util.Objects;

/**
 * An agent's attestation request: which execution it runs for, and the fresh Ed25519 public key
 * it will sign envelopes with. Deliberately nothing else: the security context, tier, tenant and
 * deadline come from the execution record, never from the request.
 */
public record AttestSealAgentCommand(String executionId, SealAgentKey agentKey) {

    public AttestSealAgentCommand {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(agentKey, "agentKey");
    }
}
