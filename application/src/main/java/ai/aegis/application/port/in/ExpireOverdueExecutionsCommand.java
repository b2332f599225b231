package ai.aegis.application.port.in;

/** How many overdue executions one sweep looks at (1 to 10,000); the next sweep takes the rest. */
public record ExpireOverdueExecutionsCommand(int limit) {

    public ExpireOverdueExecutionsCommand {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("a sweep looks at 1 to 10,000 executions, not " + limit);
        }
    }
}
