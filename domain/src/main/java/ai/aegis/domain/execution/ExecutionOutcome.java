package ai.aegis.domain.execution;

import ai.aegis.domain.iteration.IterationEventKind;

/** How a node reports that an execution ended on its own (cancellation is a separate request). */
public enum ExecutionOutcome {
    COMPLETED(ExecutionStatus.COMPLETED, IterationEventKind.COMPLETED),
    FAILED(ExecutionStatus.FAILED, IterationEventKind.FAILED),
    TIMED_OUT(ExecutionStatus.TIMED_OUT, IterationEventKind.TIMED_OUT);

    private final ExecutionStatus status;
    private final IterationEventKind eventKind;

    ExecutionOutcome(ExecutionStatus status, IterationEventKind eventKind) {
        this.status = status;
        this.eventKind = eventKind;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** The iteration-panel event that tells the person about this outcome. */
    public IterationEventKind eventKind() {
        return eventKind;
    }
}
