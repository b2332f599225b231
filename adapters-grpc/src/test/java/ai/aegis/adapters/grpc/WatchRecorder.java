package ai.aegis.adapters.grpc;

import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.ExecutionServiceGrpc;
import ai.aegis.proto.v1.ExecutionStatus;
import ai.aegis.proto.v1.OperatorAdminServiceGrpc;
import ai.aegis.proto.v1.WatchExecutionRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A watch client that records what it receives; waiting is bounded (a missing event fails, it never hangs). */
final class WatchRecorder implements ClientResponseObserver<WatchExecutionRequest, ExecutionEvent> {

    private final List<ExecutionEvent> events = new ArrayList<>();
    private final CountDownLatch snapshot = new CountDownLatch(1);
    private final CountDownLatch ended = new CountDownLatch(1);
    private final int initialRequests;
    private ClientCallStreamObserver<WatchExecutionRequest> call;
    private Throwable error;

    private WatchRecorder(int initialRequests) {
        this.initialRequests = initialRequests;
    }

    /** Opens a watch; {@code reads} 0 reads everything, n &gt; 0 reads only the first n messages (a slow watcher). */
    static WatchRecorder open(ExecutionServiceGrpc.ExecutionServiceStub stub, String executionId, int reads)
            throws InterruptedException {
        return open(stub, executionId, reads, 0);
    }

    static WatchRecorder open(ExecutionServiceGrpc.ExecutionServiceStub stub, String executionId, int reads, int buffer)
            throws InterruptedException {
        WatchRecorder recorder = new WatchRecorder(reads);
        stub.watch(WatchExecutionRequest.newBuilder().setExecutionId(executionId).setBuffer(buffer).build(), recorder);
        recorder.awaitSnapshot();
        return recorder;
    }

    static WatchRecorder open(OperatorAdminServiceGrpc.OperatorAdminServiceStub stub, String executionId)
            throws InterruptedException {
        WatchRecorder recorder = new WatchRecorder(0);
        stub.watch(WatchExecutionRequest.newBuilder().setExecutionId(executionId).build(), recorder);
        recorder.awaitSnapshot();
        return recorder;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchExecutionRequest> requestStream) {
        this.call = requestStream;
        if (initialRequests > 0) {
            requestStream.disableAutoRequestWithInitial(initialRequests);
        }
    }

    @Override
    public synchronized void onNext(ExecutionEvent event) {
        events.add(event);
        if (event.hasSnapshot()) {
            snapshot.countDown();
        }
        notifyAll();
    }

    @Override
    public synchronized void onError(Throwable t) {
        error = t;
        snapshot.countDown();
        ended.countDown();
        notifyAll();
    }

    @Override
    public synchronized void onCompleted() {
        ended.countDown();
        notifyAll();
    }

    private void awaitSnapshot() throws InterruptedException {
        if (!snapshot.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the watch sent no snapshot");
        }
    }

    /** Waits (bounded) until {@code count} events match, then answers everything received so far. */
    synchronized List<ExecutionEvent> await(Predicate<ExecutionEvent> matching, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (events.stream().filter(matching).count() < count && error == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return new ArrayList<>(events);
    }

    List<ExecutionEvent> awaitStatus(ExecutionStatus status, int count) throws InterruptedException {
        return await(e -> e.hasStatus() && e.getStatus().getTo() == status, count);
    }

    /** Waits (bounded) for the stream to end and answers its error, if any. */
    Throwable awaitEnd() throws InterruptedException {
        if (!ended.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the watch did not end");
        }
        synchronized (this) {
            return error;
        }
    }

    synchronized List<ExecutionEvent> events() {
        return new ArrayList<>(events);
    }

    void cancel() {
        call.cancel("test done", null);
    }
}
