package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.TaskSpec;
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
 * parent's: the same context, deadline, memory and iterations. {@code task}, when given, is what the
 * node that runs the child should do; it is stored with the child in the same unit of work.
 */
public record SpawnChildExecutionCommand(
        Identity identity,
        ExecutionId parentId,
        Optional<SecurityContext> securityContext,
        Optional<Instant> deadline,
        OptionalLong memoryBytes,
        OptionalInt maxIterations,
        Optional<TaskSpec> task) {

    public SpawnChildExecutionCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(parentId, "parentId");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(memoryBytes, "memoryBytes");
        Objects.requireNonNull(maxIterations, "maxIterations");
        Objects.requireNonNull(task, "task");
    }

    /** A child without a task (the spawning node drives it itself). */
    public SpawnChildExecutionCommand(Identity identity, ExecutionId parentId, Optional<SecurityContext> securityContext,
            Optional<Instant> deadline, OptionalLong memoryBytes, OptionalInt maxIterations) {
        this(identity, parentId, securityContext, deadline, memoryBytes, maxIterations, Optional.empty());
    }

    /** A copy whose child carries {@code task}. */
    public SpawnChildExecutionCommand withTask(TaskSpec task) {
        return new SpawnChildExecutionCommand(identity, parentId, securityContext, deadline, memoryBytes, maxIterations,
                Optional.of(task));
    }

    /** A child with everything inherited from the parent. */
    public static SpawnChildExecutionCommand inheriting(Identity identity, ExecutionId parentId) {
        return new SpawnChildExecutionCommand(identity, parentId, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalInt.empty());
    }
}
