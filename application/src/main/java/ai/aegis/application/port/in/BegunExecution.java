package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.util.Objects;

/** The running execution and the SEAL token the node presents on every call about it. */
public record BegunExecution(Execution execution, SignedSecurityToken securityToken) {

    public BegunExecution {
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(securityToken, "securityToken");
    }
}
