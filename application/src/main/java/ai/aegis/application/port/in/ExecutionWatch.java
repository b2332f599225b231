package ai.aegis.application.port.in;

import ai.aegis.domain.event.ExecutionEvent;
import ai.aegis.domain.execution.ExecutionId;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;

/**
 * One watcher's view of an execution tree: a bounded buffer of events the fan-out fills without
 * ever waiting, and the watcher drains at its own pace. A watcher that lets the buffer fill up is
 * dropped (the watch ends as {@link #overflowed()}) so that it never slows anyone else down; it
 * can watch again and re-read the tree. {@code signal} runs (on the publishing thread, so it must
 * not block) whenever new events are buffered or the watch ends.
 */
public final class ExecutionWatch implements AutoCloseable {

    private final ExecutionId rootId;
    private final int capacity;
    private final Runnable signal;
    private final ArrayDeque<ExecutionEvent> buffer = new ArrayDeque<>();
    private Runnable onClose = () -> { };
    private boolean closed;
    private boolean overflowed;

    public ExecutionWatch(ExecutionId rootId, int capacity, Runnable signal) {
        this.rootId = Objects.requireNonNull(rootId, "rootId");
        if (capacity < 1) {
            throw new IllegalArgumentException("a watch buffers at least one event");
        }
        this.capacity = capacity;
        this.signal = Objects.requireNonNull(signal, "signal");
    }

    /** The root of the watched tree. */
    public ExecutionId rootId() {
        return rootId;
    }

    /** Sets what closing does (the fan-out unsubscribes); called once by whoever subscribes the watch. */
    public synchronized void onClose(Runnable action) {
        this.onClose = Objects.requireNonNull(action, "action");
    }

    /**
     * Buffers an event; never blocks. When the buffer is full the watch is dropped instead.
     *
     * @return false when the watch has ended (closed or dropped) and wants no more events
     */
    public boolean offer(ExecutionEvent event) {
        boolean accepted;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (buffer.size() >= capacity) {
                overflowed = true;
                closed = true;
                buffer.clear();
                accepted = false;
            } else {
                buffer.addLast(event);
                accepted = true;
            }
        }
        signal.run();
        return accepted;
    }

    /** The oldest buffered event, if any. */
    public synchronized Optional<ExecutionEvent> poll() {
        return Optional.ofNullable(buffer.pollFirst());
    }

    /** True once the watcher fell behind by more than the buffer and was dropped. */
    public synchronized boolean overflowed() {
        return overflowed;
    }

    /** True once the watch ended, by {@link #close()} or by overflow. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /** How many events one watcher may fall behind before it is dropped. */
    public int capacity() {
        return capacity;
    }

    @Override
    public void close() {
        Runnable action;
        synchronized (this) {
            closed = true;
            buffer.clear();
            action = onClose;
            onClose = () -> { };
        }
        action.run();
    }
}
