package ai.aegis.application.port.in;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.util.Objects;
import java.util.Optional;

/**
 * The running execution, the SEAL token the node presents on every call about it, and, while the
 * owner brings their own model API key (BYOK), that key for the node's model calls (a secret).
 */
public record BegunExecution(Execution execution, SignedSecurityToken securityToken, Optional<ModelApiKey> ownModelKey) {

    public BegunExecution {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(securityToken, "securityToken");
        Objects.requireNonNull(ownModelKey, "ownModelKey");
    }
}
