package ai.aegis.domain.execution;

/** How a node reports that an execution ended on its own (cancellation is a separate request). */
public enum ExecutionOutcome {
    COMPLETED(ExecutionStatus.COMPLETED),
    FAILED(ExecutionStatus.FAILED),
    TIMED_OUT(ExecutionStatus.TIMED_OUT);

    private final ExecutionStatus status;

    ExecutionOutcome(ExecutionStatus status) {
        this.status = status;
    }

    /** The terminal status the execution enters. */
    public ExecutionStatus status() {
        return status;
    }
}
