package ai.aegis.bootstrap.node;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set once when the service (or the node shutting down) cancels an execution. The sandbox and the
 * iteration loop look at it between steps and while code runs; a running program is killed within
 * a fraction of a second of {@link #cancel()}.
 */
public final class CancellationSignal {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
