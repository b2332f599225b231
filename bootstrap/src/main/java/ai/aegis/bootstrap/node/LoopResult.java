package ai.aegis.bootstrap.node;

import ai.aegis.application.port.out.TokenUsage;
import java.util.Objects;
import java.util.Optional;

/**
 * How a job ended on this node: the outcome, how many attempts ran, the code and the run of the
 * last attempt (the result that goes back to the caller when it completed), a plain sentence for
 * logs and tool results, and the model tokens the loop used (for the LlmToken limits).
 */
public record LoopResult(
        Outcome outcome, int attempts, Optional<String> code, Optional<SandboxResult> lastRun, String summary,
        TokenUsage modelUsage) {

    /** How the loop ended. */
    public enum Outcome {
        /** An attempt passed its check; reported as completed. */
        COMPLETED,
        /** Every attempt failed, or no code could be had; reported as failed. */
        FAILED,
        /** The deadline passed; reported as timed out. */
        TIMED_OUT,
        /** The execution was cancelled; nothing more reported (the service cancelled it). */
        CANCELLED,
        /** The service refused a report (e.g. the execution is no longer running); nothing more reported. */
        REFUSED
    }

    public LoopResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(lastRun, "lastRun");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(modelUsage, "modelUsage");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }
}
