package ai.aegis.domain.execution;

import ai.aegis.domain.error.InvalidInputException;
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
