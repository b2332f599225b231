package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/**
 * Watch the tree that {@code executionId} belongs to (its root and every descendant, including
 * ones spawned later), buffering at most {@code bufferSize} events (1 to 10,000) for this watcher.
 */
public record WatchExecutionEventsQuery(Identity identity, ExecutionId executionId, int bufferSize, Runnable signal) {

    public static final int DEFAULT_BUFFER = 256;

    public WatchExecutionEventsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(signal, "signal");
        if (bufferSize < 1 || bufferSize > 10_000) {
            throw new IllegalArgumentException("a watch buffers 1 to 10,000 events, not " + bufferSize);
        }
    }
}
