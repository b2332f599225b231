package ai.aegis.domain.iteration;

import ai.aegis.domain.execution.ExecutionOutcome;

/** What happened in an agent's iteration loop, as shown in the Transparent Iteration Panel. */
public enum IterationEventKind {
    ATTEMPT_STARTED,
    VALIDATION_FAILED,
    FIX_APPLIED,
    MEMORY_REUSED,
    COMPLETED,
    FAILED,
    CANCELLED,
    TIMED_OUT,
    CHILD_SPAWNED;

    /** The event that tells the person about an execution's outcome. */
    public static IterationEventKind forOutcome(ExecutionOutcome outcome) {
        switch (outcome) {
            case COMPLETED:
                return COMPLETED;
            case FAILED:
                return FAILED;
            case TIMED_OUT:
                return TIMED_OUT;
            default:
                throw new IllegalStateException("unhandled outcome " + outcome);
        }
    }

    /** True for the kinds that describe how an execution ended. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
