package ai.aegis.bench;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Event fan-out to the watchers of one execution tree: one published event (an iteration sentence,
 * or a status change) is buffered for every watcher and then drained by each, as the gRPC watch
 * streams do. One operation = one event delivered to all {@code watchers}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WatchFanOutBenchmark {

    private static final TenantId TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");
    private static final ExecutionId ROOT = ExecutionId.of("root-1");

    @Param({"100"})
    public int watchers;

    private ExecutionEventFanOut fanOut;
    private final List<ExecutionWatch> watches = new ArrayList<>();
    private IterationEvent iteration;
    private ExecutionStatusChange status;

    @Setup
    public void subscribe() {
        fanOut = new ExecutionEventFanOut();
        for (int i = 0; i < watchers; i++) {
            ExecutionWatch watch = new ExecutionWatch(ROOT, 256, () -> { });
            fanOut.subscribe(watch, List.of(ROOT));
            watches.add(watch);
        }
        Instant at = Instant.parse("2026-11-28T12:00:00Z");
        iteration = new IterationEvent(ROOT, IterationEventKind.VALIDATION_FAILED, 2, 5, at, Optional.of("the import"));
        status = new ExecutionStatusChange(TENANT, ConversationId.of("conv-1"), ROOT, ROOT,
                Optional.of(ExecutionStatus.PENDING), ExecutionStatus.RUNNING, at);
    }

    @Benchmark
    public int iterationSentenceToAllWatchers() {
        fanOut.iterationReported(TENANT, iteration);
        return drain();
    }

    @Benchmark
    public int statusChangeToAllWatchers() {
        fanOut.statusChanged(status);
        return drain();
    }

    private int drain() {
        int delivered = 0;
        for (ExecutionWatch watch : watches) {
            if (watch.poll().isPresent()) {
                delivered++;
            }
        }
        if (delivered != watchers) {
            throw new IllegalStateException("delivered to " + delivered + " of " + watchers + " watchers");
        }
        return delivered;
    }
}
