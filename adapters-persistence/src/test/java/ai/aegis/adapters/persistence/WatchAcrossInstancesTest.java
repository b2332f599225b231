package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.event.ExecutionEvent;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Watchers on instance B see what instance A did: A publishes through NOTIFY, B's listener feeds
 * its fan-out, and B's watchers of the tree get the status change and the iteration sentence of a
 * child spawned on A.
 */
class WatchAcrossInstancesTest {

    private static final TenantId TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");
    private static final ExecutionId ROOT = ExecutionId.of("root-1");
    private static final ExecutionId CHILD = ExecutionId.of("child-2");

    @Test
    void eventsPublishedOnInstanceA_watchersOnInstanceB_receiveThem() throws Exception {
        JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
        ExecutionEventFanOut fanOutB = new ExecutionEventFanOut();
        Semaphore arrived = new Semaphore(0);
        ExecutionWatch watch = new ExecutionWatch(ROOT, 64, arrived::release);
        fanOutB.subscribe(watch, List.of(ROOT));
        try (PostgresPersistence instanceA = PostgresPersistence.start(database);
             ExecutionEventListener listenerB = ExecutionEventListener.start(database, fanOutB::statusChanged,
                     fanOutB::iterationReported)) {
            ExecutionEventNotifyAdapter publisherA = new ExecutionEventNotifyAdapter(instanceA.jdbi());
            ExecutionStatusChange spawned = new ExecutionStatusChange(TENANT, ConversationId.of("conv-1"), ROOT, CHILD,
                    Optional.empty(), ExecutionStatus.PENDING, Instant.parse("2026-11-28T12:00:00Z"));
            // The listener may still be subscribing: publish until it hears (bounded).
            boolean heard = false;
            for (int attempt = 0; attempt < 20 && !heard; attempt++) {
                publisherA.statusChanged(spawned);
                heard = arrived.tryAcquire(500, TimeUnit.MILLISECONDS);
            }
            publisherA.iterationReported(TENANT, new IterationEvent(CHILD, IterationEventKind.ATTEMPT_STARTED, 1, 5,
                    Instant.parse("2026-11-28T12:00:01Z"), Optional.empty()));

            assertThat(heard).isTrue();
            Optional<ExecutionEvent> first = watch.poll();
            assertThat(first).containsInstanceOf(ExecutionEvent.StatusChanged.class);
            ExecutionEvent sentence = null;
            for (int i = 0; i < 100 && sentence == null; i++) {
                arrived.tryAcquire(100, TimeUnit.MILLISECONDS);
                Optional<ExecutionEvent> next = watch.poll();
                while (next.isPresent() && !(next.get() instanceof ExecutionEvent.IterationReported)) {
                    next = watch.poll();
                }
                sentence = next.orElse(null);
            }
            assertThat(sentence).isInstanceOfSatisfying(ExecutionEvent.IterationReported.class,
                    reported -> assertThat(reported.event().sentence()).startsWith("Attempt 1 of 5"));
        }
    }
}
