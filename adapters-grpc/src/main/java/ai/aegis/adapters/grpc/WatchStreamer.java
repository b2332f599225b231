package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.proto.v1.ExecutionEvent;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Streams one watch to one gRPC caller with flow control: events leave the watch's bounded buffer
 * only while the transport is ready, on a shared executor, one drain at a time. A caller that stops
 * reading lets the buffer fill and the watch is dropped with RESOURCE_EXHAUSTED
 * ({@code watch.too_slow}); the publisher never waits for it. A cancelled call closes the watch.
 */
final class WatchStreamer {

    private final ServerCallStreamObserver<ExecutionEvent> observer;
    private final Executor executor;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ExecutionWatch watch;
    private boolean armed;
    private boolean finished;

    private WatchStreamer(ServerCallStreamObserver<ExecutionEvent> observer, Executor executor) {
        this.observer = observer;
        this.executor = executor;
    }

    /**
     * Opens the watch with {@code open} (given the signal to use), sends {@code snapshot} first, then
     * every event as it comes.
     */
    static void stream(StreamObserver<ExecutionEvent> response, Executor executor,
            Function<Runnable, ExecutionWatch> open, Supplier<ExecutionEvent> snapshot) {
        ServerCallStreamObserver<ExecutionEvent> observer = (ServerCallStreamObserver<ExecutionEvent>) response;
        WatchStreamer streamer = new WatchStreamer(observer, executor);
        ExecutionWatch watch;
        try {
            watch = open.apply(streamer::signal);
        } catch (DomainException refusal) {
            observer.onError(GrpcErrors.toStatus(refusal));
            return;
        }
        streamer.watch = watch;
        observer.setOnCancelHandler(watch::close);
        observer.setOnReadyHandler(streamer::signal);
        try {
            ExecutionEvent first = snapshot.get();
            synchronized (streamer) {
                observer.onNext(first);
                streamer.armed = true;
            }
        } catch (DomainException refusal) {
            watch.close();
            observer.onError(GrpcErrors.toStatus(refusal));
            return;
        }
        streamer.signal();
    }

    private void signal() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(() -> {
                scheduled.set(false);
                drain();
            });
        }
    }

    private synchronized void drain() {
        ExecutionWatch current = watch;
        if (!armed || finished || current == null) {
            return;
        }
        while (observer.isReady()) {
            Optional<ai.aegis.domain.event.ExecutionEvent> next = current.poll();
            if (next.isEmpty()) {
                break;
            }
            observer.onNext(ProtoMapper.event(next.get()));
        }
        if (current.overflowed()) {
            finished = true;
            observer.onError(GrpcErrors.toStatus(new LimitExceededException("watch.too_slow", "this watch fell more than "
                    + current.capacity() + " events behind and was stopped so that it slows nobody else down; "
                    + "watch again to continue from the current state")));
        }
    }
}
