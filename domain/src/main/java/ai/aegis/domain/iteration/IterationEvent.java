package ai.aegis.domain.iteration;

import ai.aegis.domain.execution.ExecutionId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of an agent's iteration loop, for the Transparent Iteration Panel: what happened
 * ({@code kind}), in which iteration of how many, when, and an optional short detail (what is being
 * fixed, what failed). {@link #sentence()} renders it as one plain-English sentence.
 *
 * <p>Invariants: {@code 0 <= iteration <= maxIterations}, {@code maxIterations >= 1}; the detail has
 * already been cleaned by {@link PlainText#sanitize} (no stack traces, ids or internal paths).
 */
public record IterationEvent(
        ExecutionId executionId, IterationEventKind kind, int iteration, int maxIterations, Instant at, Optional<String> detail) {

    public IterationEvent {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(detail, "detail");
        if (maxIterations < 1 || iteration < 0 || iteration > maxIterations) {
            throw new IllegalArgumentException("iteration " + iteration + " of " + maxIterations + " is out of range");
        }
        detail = detail.flatMap(PlainText::sanitize);
    }

    /** An event whose raw detail (possibly from an agent) is cleaned before it is kept. */
    public static IterationEvent of(ExecutionId executionId, IterationEventKind kind, int iteration, int maxIterations,
            Instant at, String rawDetail) {
        return new IterationEvent(executionId, kind, iteration, maxIterations, at, Optional.ofNullable(rawDetail));
    }

    /** The event as one plain-English sentence, free of internals. */
    public String sentence() {
        String attempt = "Attempt " + Math.max(iteration, 1) + " of " + maxIterations + ": ";
        String d = detail.orElse(null);
        switch (kind) {
            case ATTEMPT_STARTED:
                return attempt + (d == null ? "the agent is working on it." : "the agent is working on " + d + ".");
            case VALIDATION_FAILED:
                return attempt + "the tests failed, so the agent is fixing " + (d == null ? "the problem" : d)
                        + " and trying again.";
            case FIX_APPLIED:
                return attempt + "the agent applied a fix" + (d == null ? "" : " to " + d) + " and is checking it again.";
            case MEMORY_REUSED:
                return attempt + "the agent is reusing what it learned earlier" + (d == null ? "" : " about " + d) + ".";
            case CHILD_SPAWNED:
                return attempt + "the agent started a helper agent" + (d == null ? "" : " to work on " + d)
                        + " in parallel.";
            case COMPLETED:
                return "Done after " + plural(iteration, "attempt") + (d == null ? "." : ": " + d + ".");
            case FAILED:
                return "The agent stopped after " + plural(iteration, "attempt") + " without a working result"
                        + (d == null ? "." : ": " + d + ".");
            case CANCELLED:
                return "The run was cancelled" + (iteration == 0 ? " before it started." : " during attempt " + iteration
                        + " of " + maxIterations + ".");
            case TIMED_OUT:
                return "The run ran out of time" + (iteration == 0 ? " before it started." : " during attempt " + iteration
                        + " of " + maxIterations + ".");
            default:
                throw new IllegalStateException("unhandled kind " + kind);
        }
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
