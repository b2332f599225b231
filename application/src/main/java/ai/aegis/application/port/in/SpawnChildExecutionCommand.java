package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.SecurityContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An execution asks for a child. {@code identity} is the owner of the execution (derived by the
 * adapter from the verified SEAL token, never from the request). Absent values default to the
 * parent's: the same context, deadline, memory and iterations.
 */
public record SpawnChildExecutionCommand(
        Identity identity,
        ExecutionId parentId,
        Optional<SecurityContext> securityContext,
        Optional<Instant> deadline,
        OptionalLong memoryBytes,
        OptionalInt maxIterations) {

    public SpawnChildExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(maxIterations, "maxIterations");
    }

    /** A child with everything inherited from the parent. */
    public static SpawnChildExecutionCommand inheriting(Identity identity, ExecutionId parentId) {
        return new SpawnChildExecutionCommand(identity, parentId, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalInt.empty());
    }
}
