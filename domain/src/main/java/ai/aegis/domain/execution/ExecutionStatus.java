package ai.aegis.domain.execution;

import ai.aegis.domain.error.PreconditionFailedException;

/**
 * The life of an execution: {@code Pending → Running → Completed | Failed | Cancelled | TimedOut}.
 * A pending execution may also end directly as Cancelled, Failed or TimedOut (never Completed: it
 * never ran). The four end states are terminal: nothing ever changes them.
 */
public enum ExecutionStatus {
    PENDING("Pending"),
    RUNNING("Running"),
    COMPLETED("Completed"),
    FAILED("Failed"),
    CANCELLED("Cancelled"),
    TIMED_OUT("TimedOut");

    private final String displayName;

    ExecutionStatus(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** True for Completed, Failed, Cancelled and TimedOut. */
    public boolean isTerminal() {
        return this != PENDING && this != RUNNING;
    }

    /** True for Pending and Running: the execution counts against concurrency limits. */
    public boolean isActive() {
        return !isTerminal();
    }

    /** True when the life cycle allows going from this status to {@code next}. */
    public boolean canTransitionTo(ExecutionStatus next) {
        switch (this) {
            case PENDING:
                return next == RUNNING || next == CANCELLED || next == FAILED || next == TIMED_OUT;
            case RUNNING:
                return next == COMPLETED || next == FAILED || next == CANCELLED || next == TIMED_OUT;
            default:
                return false;
        }
    }

    /**
     * Checks a transition.
     *
     * @throws PreconditionFailedException {@code execution.illegal_transition}, naming both statuses
     */
    public void requireTransitionTo(ExecutionStatus next, ExecutionId id) {
        if (!canTransitionTo(next)) {
            String why = isTerminal() ? " because " + displayName + " is final" : "";
            throw new PreconditionFailedException("execution.illegal_transition", "execution " + id + " cannot go from "
                    + displayName + " to " + next.displayName + why);
        }
    }
}
