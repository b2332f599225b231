package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.registry.AgentManifest;
import java.util.Objects;
import java.util.Optional;

/**
 * What an execution was asked to do: plain-English instructions, optionally code the caller
 * already wrote (with the runtime to run it in), optionally how to judge the result (the expected
 * output and exit code), optionally the name of the agent meant to do it, and optionally the input
 * its program reads on standard input (for example the typed inputs of an Execute-mode computation,
 * as JSON).
 *
 * <p>Invariants: the instructions are not blank and at most {@link #MAX_TEXT_CHARS} characters, as
 * are the code, the expected output and the input; supplied code always names its runtime; an expected exit code
 * is between 0 and 255.
 */
public record TaskSpec(String instructions, Optional<String> code, Optional<String> runtime,
        Optional<String> expectedOutput, Optional<Integer> expectedExitCode, Optional<String> agent,
        Optional<String> input) {

    /** The longest instructions, code or expected output a task may carry. */
    public static final int MAX_TEXT_CHARS = 200_000;

    public TaskSpec {
        Objects.requireNonNull(instructions, "instructions");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(expectedOutput, "expectedOutput");
        Objects.requireNonNull(expectedExitCode, "expectedExitCode");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(input, "input");
        if (instructions.isBlank()) {
            throw new InvalidInputException("task.instructions_missing", "A task needs instructions: say in plain "
                    + "English what the agent should do");
        }
        requireSize("instructions", instructions);
        code.ifPresent(c -> requireSize("code", c));
        expectedOutput.ifPresent(o -> requireSize("expected output", o));
        input.ifPresent(i -> requireSize("input", i));
        if (code.isPresent() && runtime.map(String::isBlank).orElse(true)) {
            throw new InvalidInputException("task.runtime_missing", "Supplied code needs a runtime "
                    + "(for example python3) to run it in");
        }
        if (runtime.isPresent() && runtime.get().isBlank()) {
            runtime = Optional.empty();
        }
        if (agent.isPresent() && agent.get().isBlank()) {
            agent = Optional.empty();
        }
        if (expectedExitCode.isPresent() && (expectedExitCode.get() < 0 || expectedExitCode.get() > 255)) {
            throw new InvalidInputException("task.exit_code_invalid", "An expected exit code is between 0 and 255");
        }
    }

    /** A task without standard input. */
    public TaskSpec(String instructions, Optional<String> code, Optional<String> runtime, Optional<String> expectedOutput,
            Optional<Integer> expectedExitCode, Optional<String> agent) {
        this(instructions, code, runtime, expectedOutput, expectedExitCode, agent, Optional.empty());
    }

    /** Instructions only: the agent writes the code and nothing checks the output beyond a clean exit. */
    public static TaskSpec instructions(String instructions) {
        return new TaskSpec(instructions, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** A copy that runs the given code in the given runtime first. */
    public TaskSpec withCode(String suppliedCode, String runtimeName) {
        return new TaskSpec(instructions, Optional.of(suppliedCode), Optional.of(runtimeName), expectedOutput,
                expectedExitCode, agent, input);
    }

    /** A copy whose result must print exactly this output (surrounding whitespace aside). */
    public TaskSpec withExpectedOutput(String output) {
        return new TaskSpec(instructions, code, runtime, Optional.of(output), expectedExitCode, agent, input);
    }

    /**
     * The task of running {@code agent} on {@code request}: the agent's instructions followed by the
     * request, the caller's code and runtime if given (else the agent's code and its runtime without a
     * version tag: {@code python:3.12} runs as {@code python}), and the agent's exit code and expected
     * output as the check (the caller's expected output wins).
     */
    public static TaskSpec forAgent(AgentManifest agent, String request, Optional<String> code, Optional<String> runtime,
            Optional<String> expectedOutput) {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(request, "request");
        String agentRuntime = agent.runtime().contains(":") ? agent.runtime().substring(0, agent.runtime().indexOf(':'))
                : agent.runtime();
        Optional<String> taskCode = code.isPresent() ? code : agent.code().map(AgentManifest.Code::source);
        Optional<String> taskRuntime = runtime.isPresent() ? runtime : Optional.of(agentRuntime);
        Optional<String> expected = expectedOutput.isPresent() ? expectedOutput
                : agent.validation().flatMap(AgentManifest.Validation::expectedOutput);
        Optional<Integer> exitCode = agent.validation().flatMap(validation -> validation.exitCode().isPresent()
                ? Optional.of(validation.exitCode().getAsInt()) : Optional.empty());
        return new TaskSpec(agent.instructions() + "\n\nRequest: " + request, taskCode, taskRuntime, expected, exitCode,
                Optional.of(agent.name().value()), Optional.empty());
    }

    /** A copy whose program reads {@code text} on standard input. */
    public TaskSpec withInput(String text) {
        return new TaskSpec(instructions, code, runtime, expectedOutput, expectedExitCode, agent, Optional.of(text));
    }

    private static void requireSize(String what, String text) {
        if (text.length() > MAX_TEXT_CHARS) {
            throw new InvalidInputException("task.too_large", "The task's " + what + " is longer than "
                    + MAX_TEXT_CHARS + " characters; shorten it or put the material in a volume");
        }
    }
}
