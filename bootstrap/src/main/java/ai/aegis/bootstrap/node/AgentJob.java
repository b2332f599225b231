package ai.aegis.bootstrap.node;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.ToolRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution as the local node runs it: what to do ({@code instructions} for the model and/or
 * {@code suppliedCode} to run as is), in which runtime, how to judge an attempt, the budget
 * (iterations, deadline, limits, the longest one attempt may run), the execution's volume directory
 * (its {@code /workspace}), whether the network is shared, the standard input (typed inputs), and
 * the user's own model key for BYOK.
 *
 * <p>Invariant: there is something to run (instructions or code); {@code maxIterations >= 1}.
 */
public record AgentJob(
        ExecutionId executionId,
        AgentRuntime runtime,
        Optional<String> instructions,
        Optional<String> suppliedCode,
        OutputCheck check,
        int maxIterations,
        Instant deadline,
        Duration attemptTimeLimit,
        Path workspace,
        boolean network,
        SandboxLimits limits,
        String stdin,
        Optional<ModelApiKey> userKey,
        Optional<Path> toolSocketDirectory) {

    /** A job without a tool-call socket. */
    public AgentJob(ExecutionId executionId, AgentRuntime runtime, Optional<String> instructions,
            Optional<String> suppliedCode, OutputCheck check, int maxIterations, Instant deadline,
            Duration attemptTimeLimit, Path workspace, boolean network, SandboxLimits limits, String stdin,
            Optional<ModelApiKey> userKey) {
        this(executionId, runtime, instructions, suppliedCode, check, maxIterations, deadline, attemptTimeLimit,
                workspace, network, limits, stdin, userKey, Optional.empty());
    }

    /** The longest one attempt may run unless the manifest says otherwise. */
    public static final Duration DEFAULT_ATTEMPT_TIME_LIMIT = Duration.ofMinutes(5);

    public AgentJob {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(suppliedCode, "suppliedCode");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(attemptTimeLimit, "attemptTimeLimit");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(userKey, "userKey");
        Objects.requireNonNull(toolSocketDirectory, "toolSocketDirectory");
        instructions = instructions.filter(text -> !text.isBlank());
        suppliedCode = suppliedCode.filter(text -> !text.isBlank());
        if (instructions.isEmpty() && suppliedCode.isEmpty()) {
            throw new IllegalArgumentException("a job needs instructions or code");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("a job needs at least one iteration");
        }
        if (attemptTimeLimit.isNegative() || attemptTimeLimit.isZero()) {
            throw new IllegalArgumentException("the attempt time limit must be positive");
        }
    }

    /**
     * The job for {@code execution}: its id, iteration budget, deadline and memory, network only when
     * its context grants {@code web.*} ({@link #networkGranted}), the defaults for everything else.
     */
    public static AgentJob forExecution(Execution execution, AgentRuntime runtime, Optional<String> instructions,
            Optional<String> suppliedCode, OutputCheck check, Path workspace) {
        // With no iteration left the service refuses the first attempt report, which stops the loop.
        int left = Math.max(1, execution.maxIterations() - execution.iterationCount());
        return new AgentJob(execution.id(), runtime, instructions, suppliedCode, check, left, execution.deadline(),
                DEFAULT_ATTEMPT_TIME_LIMIT,
                workspace, networkGranted(execution.securityContext()), SandboxLimits.forMemory(execution.memoryBytes()), "",
                Optional.empty());
    }

    /** True when the context lets the agent use the web ({@code web.fetch} or {@code web.search}). */
    public static boolean networkGranted(SecurityContext context) {
        return context.decide(ToolRequest.of("web.fetch")).allowed() || context.decide(ToolRequest.of("web.search")).allowed();
    }

    public AgentJob withUserKey(ModelApiKey key) {
        return new AgentJob(executionId, runtime, instructions, suppliedCode, check, maxIterations, deadline,
                attemptTimeLimit, workspace, network, limits, stdin, Optional.of(key), toolSocketDirectory);
    }

    public AgentJob withStdin(String input) {
        return new AgentJob(executionId, runtime, instructions, suppliedCode, check, maxIterations, deadline,
                attemptTimeLimit, workspace, network, limits, input, userKey, toolSocketDirectory);
    }

    public AgentJob withAttemptTimeLimit(Duration limit) {
        return new AgentJob(executionId, runtime, instructions, suppliedCode, check, maxIterations, deadline, limit,
                workspace, network, limits, stdin, userKey, toolSocketDirectory);
    }

    /** A copy whose program gets the tool-call socket in {@code directory} (see {@code SandboxToolSocket}). */
    public AgentJob withToolSocket(Path directory) {
        return new AgentJob(executionId, runtime, instructions, suppliedCode, check, maxIterations, deadline,
                attemptTimeLimit, workspace, network, limits, stdin, userKey, Optional.of(directory));
    }
}
