package ai.aegis.adapters.grpc;

import static ai.aegis.adapters.grpc.GrpcTestBed.user;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.proto.v1.ExecutionEvent;
import ai.aegis.proto.v1.IterationKind;
import ai.aegis.proto.v1.ReportIterationRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Watches over gRPC: many watchers of one tree each get every event; a slow one is dropped and blocks nobody. */
class WatchFanOutGrpcTest {

    private final GrpcTestBed bed = new GrpcTestBed();
    private final Identity.ZaruUser alice = user("alice", ZaruTier.PRO);

    @AfterEach
    void close() {
        bed.close();
    }

    private void report(String token, Execution execution, int times) {
        for (int i = 0; i < times; i++) {
            bed.executionsAs(token).reportIteration(ReportIterationRequest.newBuilder()
                    .setExecutionId(execution.id().value()).setKind(IterationKind.ITERATION_KIND_FIX_APPLIED)
                    .setDetail("step " + i).build());
        }
    }

    @Test
    void watch_manyWatchers_eachSeesEveryIterationInOrder() throws Exception {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);
        List<WatchRecorder> watchers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            watchers.add(WatchRecorder.open(bed.watchAs(token), root.id().value(), 0));
        }

        report(token, root, 10);

        for (WatchRecorder watcher : watchers) {
            List<ExecutionEvent> seen = watcher.await(ExecutionEvent::hasIteration, 10);
            assertThat(seen).filteredOn(ExecutionEvent::hasIteration).extracting(e -> e.getIteration().getSentence())
                    .hasSize(10).first().asString().contains("step 0");
            watcher.cancel();
        }
    }

    @Test
    void watch_slowWatcher_droppedWithClearStatusWhileOthersGetEverything() throws Exception {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);
        WatchRecorder slow = WatchRecorder.open(bed.watchAs(token), root.id().value(), 1, 4);
        WatchRecorder fast = WatchRecorder.open(bed.watchAs(token), root.id().value(), 0, 4);

        int events = 40;
        for (int i = 0; i < events; i++) {
            report(token, root, 1);
            fast.await(ExecutionEvent::hasIteration, i + 1);
        }

        Throwable end = slow.awaitEnd();
        assertThat(end).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getTrailers().get(GrpcErrors.ERROR_CODE)).isEqualTo("watch.too_slow");
            assertThat(e.getStatus().getDescription()).contains("watch again");
        });
        assertThat(fast.events()).filteredOn(ExecutionEvent::hasIteration).hasSize(events);
        fast.cancel();
    }

    @Test
    void watch_cancelledByTheClient_unsubscribes() throws Exception {
        bed.registerNode("node-1", List.of());
        Execution root = bed.startRoot(alice);
        String token = bed.begin("node-1", root);
        WatchRecorder watcher = WatchRecorder.open(bed.watchAs(token), root.id().value(), 0);
        assertThat(bed.fanOut.watchCount()).isEqualTo(1);

        watcher.cancel();
        watcher.awaitEnd();
        report(token, root, 1);

        assertThat(bed.fanOut.watchCount()).isZero();
    }
}
