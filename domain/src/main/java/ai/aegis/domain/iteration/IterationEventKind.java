package ai.aegis.domain.iteration;

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

    /** True for the kinds that describe how an execution ended. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
