package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.seal.SecurityToken;
import java.util.Objects;

/**
 * A node acting for one execution, proven by that execution's SEAL token: the execution, and the
 * identity of its owner that the execution use cases act as (derived from the execution record,
 * never from the request).
 */
public record ExecutionCaller(ExecutionId executionId, Identity actingIdentity, SecurityToken token) {

    public ExecutionCaller {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(actingIdentity, "actingIdentity");
        Objects.requireNonNull(token, "token");
    }
}
