package ai.aegis.application.port.in;

import java.util.Objects;

/**
 * An open subscription to the events of one execution tree. Closing it stops delivery; closing
 * twice is harmless.
 */
public final class ExecutionWatch implements AutoCloseable {

    private final Runnable onClose;
    private volatile boolean closed;

    public ExecutionWatch(Runnable onClose) {
        this.onClose = Objects.requireNonNull(onClose, "onClose");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }
}
