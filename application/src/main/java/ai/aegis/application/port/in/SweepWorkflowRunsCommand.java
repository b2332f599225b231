package ai.aegis.application.port.in;

/** Advance up to {@code limit} unfinished runs not changed in the last {@code quietSeconds} (missed events, restarts, timeouts). */
public record SweepWorkflowRunsCommand(int limit, long quietSeconds) {

    public SweepWorkflowRunsCommand {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a sweep looks at 1 to 10,000 runs");
        }
        if (quietSeconds < 0) {
            throw new IllegalArgumentException("quietSeconds cannot be negative");
        }
    }
}
