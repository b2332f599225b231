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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A batch published in one statement on instance A arrives on instance B as the single messages would, in order. */
class ExecutionEventNotifyBatchTest {

    private static final TenantId TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e02");
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void statusesChangedAndIterationsReported_batchOnInstanceA_everyMessageInOrderOnInstanceB() throws Exception {
        JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
        BlockingQueue<ExecutionStatusChange> changes = new LinkedBlockingQueue<>();
        BlockingQueue<Map.Entry<TenantId, IterationEvent>> sentences = new LinkedBlockingQueue<>();
        try (PostgresPersistence instanceA = PostgresPersistence.start(database);
             ExecutionEventListener instanceB = ExecutionEventListener.start(database, changes::add,
                     (tenant, event) -> sentences.add(Map.entry(tenant, event)))) {
            ExecutionEventNotifyAdapter publisher = new ExecutionEventNotifyAdapter(instanceA.jdbi());
            awaitSubscribed(publisher, changes);
            List<ExecutionStatusChange> batch = new ArrayList<>();
            List<IterationEvent> events = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                batch.add(change("child-" + i, Optional.of(i % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING),
                        ExecutionStatus.CANCELLED));
                events.add(IterationEvent.of(ExecutionId.of("child-" + i), IterationEventKind.CANCELLED, i % 3, 5,
                        AT.plusMillis(i), i == 7 ? "stopped by the person — café" : null));
            }

            publisher.statusesChanged(batch);
            publisher.iterationsReported(TENANT, events);

            List<ExecutionStatusChange> receivedChanges = receive(changes, batch.size());
            List<Map.Entry<TenantId, IterationEvent>> heardEvents = receive(sentences, events.size());
            assertThat(heardEvents).allSatisfy(heard -> assertThat(heard.getKey()).isEqualTo(TENANT));
            List<IterationEvent> receivedEvents = heardEvents.stream().map(Map.Entry::getValue).toList();
            assertThat(receivedChanges).containsExactlyElementsOf(batch);
            assertThat(receivedEvents).containsExactlyElementsOf(events);
        }
    }

    private static ExecutionStatusChange change(String id, Optional<ExecutionStatus> from, ExecutionStatus to) {
        return new ExecutionStatusChange(TENANT, ConversationId.of("conv-1"), ExecutionId.of("root-1"), ExecutionId.of(id),
                from, to, AT);
    }

    @Test
    void executionsEnded_cascadeOfLongIds_oneStatementFewPackedNotificationsEachUnderTheLimitEveryMemberHeardInOrder() throws Exception {
        try (Instances instances = new Instances()) {
            List<ExecutionStatusChange> batch = new ArrayList<>();
            List<IterationEvent> events = new ArrayList<>();
            String padding = "x".repeat(120);
            for (int i = 0; i < 2_000; i++) {
                String id = padding + String.format("%08d", i);
                batch.add(change(id, Optional.of(i % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING),
                        ExecutionStatus.CANCELLED));
                events.add(IterationEvent.of(ExecutionId.of(id), IterationEventKind.CANCELLED, i % 3, 5, AT.plusNanos(1_000L * i),
                        "stopped by the person — café"));
            }

            instances.publisher.executionsEnded(TENANT, batch, events);

            List<ExecutionStatusChange> receivedChanges = receive(instances.changes, batch.size());
            List<IterationEvent> receivedEvents = receive(instances.sentences, events.size()).stream().map(Map.Entry::getValue).toList();
            assertThat(receivedChanges).containsExactlyElementsOf(batch);
            assertThat(receivedEvents).containsExactlyElementsOf(events);
            List<String> payloads = drain(instances.raw);
            // 4,000 members of ~150 bytes each: packed, not one notification per member.
            assertThat(payloads).hasSizeBetween(2, 200);
            assertThat(payloads).allSatisfy(payload -> {
                assertThat(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(8_000);
                assertThat(payload).as("canonical JSON").isEqualTo(ai.aegis.domain.seal.CanonicalJson.canonicalize(payload));
            });
        }
    }

    @Test
    void executionsEnded_eventsReadBackFromTheirStatus_eachMemberOneEntryOfAnEndedPayloadAndHeardInOrder() throws Exception {
        try (Instances instances = new Instances()) {
            List<ExecutionStatusChange> batch = new ArrayList<>();
            List<IterationEvent> events = new ArrayList<>();
            // First the finished execution, whose reported outcome (with a detail, a moment later) is
            // not its status read back; then 3,000 members cancelled with it at its instant.
            batch.add(change("root-1", Optional.of(ExecutionStatus.RUNNING), ExecutionStatus.FAILED));
            events.add(IterationEvent.of(ExecutionId.of("root-1"), IterationEventKind.FAILED, 2, 5, AT.plusMillis(3),
                    "the tests failed — café"));
            for (int i = 0; i < 3_000; i++) {
                String id = "swarm-member-" + String.format("%05d", i);
                batch.add(change(id, Optional.of(i % 2 == 0 ? ExecutionStatus.RUNNING : ExecutionStatus.PENDING),
                        ExecutionStatus.CANCELLED));
                events.add(IterationEvent.of(ExecutionId.of(id), IterationEventKind.CANCELLED, i % 2 == 0 ? i % 4 : 0,
                        i < 1_500 ? 5 : 3, AT, null));
            }

            instances.publisher.executionsEnded(TENANT, batch, events);

            List<ExecutionStatusChange> receivedChanges = receive(instances.changes, batch.size());
            List<Map.Entry<TenantId, IterationEvent>> heardEvents = receive(instances.sentences, events.size());
            assertThat(heardEvents).allSatisfy(heard -> assertThat(heard.getKey()).isEqualTo(TENANT));
            assertThat(receivedChanges).containsExactlyElementsOf(batch);
            assertThat(heardEvents.stream().map(Map.Entry::getValue).toList()).containsExactlyElementsOf(events);
            List<String> payloads = drain(instances.raw);
            assertThat(payloads.get(0)).contains("\"type\":\"statuses\"");
            assertThat(payloads.get(1)).contains("\"type\":\"iterations\"").contains("café");
            List<String> ended = payloads.subList(2, payloads.size());
            // 3,000 members of ~40 bytes: a few packed payloads, no separate iterations for them.
            assertThat(ended).hasSizeBetween(2, 40).allSatisfy(payload -> {
                assertThat(payload).contains("\"type\":\"ended\"");
                assertThat(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(8_000);
                assertThat(payload).as("canonical JSON").isEqualTo(ai.aegis.domain.seal.CanonicalJson.canonicalize(payload));
            });
        }
    }

    /**
     * Instance A publishing, instance B listening as a service does, and a raw listener that sees
     * every payload as sent; ready once B hears A and the raw listener's queue is empty.
     */
    private static final class Instances implements AutoCloseable {

        final BlockingQueue<ExecutionStatusChange> changes = new LinkedBlockingQueue<>();
        final BlockingQueue<Map.Entry<TenantId, IterationEvent>> sentences = new LinkedBlockingQueue<>();
        final java.sql.Connection raw;
        final ExecutionEventNotifyAdapter publisher;
        private final PostgresPersistence instanceA;
        private final ExecutionEventListener instanceB;

        Instances() throws Exception {
            JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
            instanceA = PostgresPersistence.start(database);
            raw = rawListener(database);
            instanceB = ExecutionEventListener.start(database, changes::add,
                    (tenant, event) -> sentences.add(Map.entry(tenant, event)));
            publisher = new ExecutionEventNotifyAdapter(instanceA.jdbi());
            awaitSubscribed(publisher, changes);
            drain(raw);
        }

        @Override
        public void close() throws Exception {
            instanceB.close();
            raw.close();
            instanceA.close();
        }
    }

    /** The listener may still be subscribing: publishes a probe until it is heard (bounded), then forgets it. */
    private static void awaitSubscribed(ExecutionEventNotifyAdapter publisher, BlockingQueue<ExecutionStatusChange> changes)
            throws InterruptedException {
        ExecutionStatusChange probe = change("probe", Optional.empty(), ExecutionStatus.PENDING);
        ExecutionStatusChange heard = null;
        for (int attempt = 0; attempt < 20 && heard == null; attempt++) {
            publisher.statusChanged(probe);
            heard = changes.poll(500, TimeUnit.MILLISECONDS);
        }
        assertThat(heard).isEqualTo(probe);
        changes.clear();
    }

    /** The next {@code count} messages, each within 10 s of the one before. */
    private static <T> List<T> receive(BlockingQueue<T> queue, int count) throws InterruptedException {
        List<T> received = new ArrayList<>();
        while (received.size() < count) {
            T next = queue.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("message %d of %d", received.size() + 1, count).isNotNull();
            received.add(next);
        }
        return received;
    }

    private static java.sql.Connection rawListener(JdbcSettings database) throws java.sql.SQLException {
        java.util.Properties properties = new java.util.Properties();
        if (database.user() != null) {
            properties.setProperty("user", database.user());
        }
        if (database.password() != null) {
            properties.setProperty("password", database.password());
        }
        java.sql.Connection connection = java.sql.DriverManager.getConnection(database.url(), properties);
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + ExecutionEventNotifyAdapter.CHANNEL);
        }
        return connection;
    }

    private static List<String> drain(java.sql.Connection connection) throws java.sql.SQLException {
        List<String> payloads = new ArrayList<>();
        org.postgresql.PGConnection pg = connection.unwrap(org.postgresql.PGConnection.class);
        while (true) {
            org.postgresql.PGNotification[] notifications = pg.getNotifications(1_000);
            if (notifications == null || notifications.length == 0) {
                return payloads;
            }
            for (org.postgresql.PGNotification notification : notifications) {
                payloads.add(notification.getParameter());
            }
        }
    }
}
