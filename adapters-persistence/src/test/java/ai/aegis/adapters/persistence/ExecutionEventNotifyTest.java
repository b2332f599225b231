package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two instances on one database: what instance A publishes, instance B's listener hears. */
class ExecutionEventNotifyTest {

    private static final TenantId TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");

    @Test
    void cancelOnInstanceA_listenerOnInstanceB_receivesTheStatusChangeAndSentence() throws Exception {
        JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
        BlockingQueue<ExecutionStatusChange> changes = new LinkedBlockingQueue<>();
        BlockingQueue<Map.Entry<TenantId, IterationEvent>> sentences = new LinkedBlockingQueue<>();
        try (PostgresPersistence instanceA = PostgresPersistence.start(database);
             ExecutionEventListener instanceB = ExecutionEventListener.start(database, changes::add,
                     (tenant, event) -> sentences.add(Map.entry(tenant, event)))) {
            ExecutionEventNotifyAdapter publisher = new ExecutionEventNotifyAdapter(instanceA.jdbi());
            ExecutionStatusChange cancel = new ExecutionStatusChange(TENANT, ConversationId.of("conv-1"),
                    ExecutionId.of("root-1"), ExecutionId.of("child-2"), Optional.of(ExecutionStatus.RUNNING),
                    ExecutionStatus.CANCELLED, Instant.parse("2026-11-28T12:00:00Z"));
            IterationEvent attempt = new IterationEvent(ExecutionId.of("child-2"), IterationEventKind.ATTEMPT_STARTED, 2, 5,
                    Instant.parse("2026-11-28T12:00:01Z"), Optional.empty());

            ExecutionStatusChange received = null;
            // The listener may still be subscribing: publish until it hears (bounded).
            for (int attemptNo = 0; attemptNo < 20 && received == null; attemptNo++) {
                publisher.statusChanged(cancel);
                received = changes.poll(500, TimeUnit.MILLISECONDS);
            }
            publisher.iterationReported(TENANT, attempt);

            assertThat(received).isEqualTo(cancel);
            Map.Entry<TenantId, IterationEvent> sentence = sentences.poll(10, TimeUnit.SECONDS);
            assertThat(sentence).isNotNull();
            assertThat(sentence.getKey()).isEqualTo(TENANT);
            assertThat(sentence.getValue()).isEqualTo(attempt);
            assertThat(sentence.getValue().sentence()).startsWith("Attempt 2 of 5");
        }
    }
}
