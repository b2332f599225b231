package ai.aegis.domain.workflow;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a workflow run is: {@code RUNNING} (an agent step runs, or is about to be started),
 * {@code WAITING} (a human-input state waits for a signal), or finished as {@code SUCCEEDED},
 * {@code FAILED} or {@code CANCELLED}. The three finished statuses are final.
 */
public enum WorkflowRunStatus {
    RUNNING,
    WAITING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** The lower-case name used on the wire and in storage. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status named {@code slug} exactly, or empty. */
    public static Optional<WorkflowRunStatus> fromSlug(String slug) {
        for (WorkflowRunStatus status : values()) {
            if (status.slug().equals(slug)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
