package ai.aegis.adapters.persistence;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the execution events every instance publishes ({@link ExecutionEventNotifyAdapter}) on its
 * own dedicated connection and hands them, decoded, to the given consumers — a packed batch
 * ({@code "statuses"}, {@code "iterations"}, {@code "ended"}) one member at a time, in order, after the whole
 * payload decoded (a malformed batch is dropped whole, never half-delivered). Reconnects by itself
 * after the database comes back; events published while it was away are missed (watchers re-read
 * the stored state on reconnect).
 */
public final class ExecutionEventListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionEventListener.class);

    private final JdbcSettings settings;
    private final Consumer<ExecutionStatusChange> statusChanges;
    private final BiConsumer<TenantId, IterationEvent> iterations;
    private final Thread thread;
    private volatile boolean running = true;

    private ExecutionEventListener(JdbcSettings settings, Consumer<ExecutionStatusChange> statusChanges,
                                   BiConsumer<TenantId, IterationEvent> iterations) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.statusChanges = Objects.requireNonNull(statusChanges, "statusChanges");
        this.iterations = Objects.requireNonNull(iterations, "iterations");
        this.thread = new Thread(this::run, "aegis-execution-events");
        this.thread.setDaemon(true);
    }

    public static ExecutionEventListener start(JdbcSettings settings, Consumer<ExecutionStatusChange> statusChanges,
                                               BiConsumer<TenantId, IterationEvent> iterations) {
        ExecutionEventListener listener = new ExecutionEventListener(settings, statusChanges, iterations);
        listener.thread.start();
        return listener;
    }

    private void run() {
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ExecutionEventNotifyAdapter.CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("execution event listener lost the database ({}); retrying in 1 s", e.getSQLState());
                    sleepQuietly();
                }
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "aegis-events");
        return DriverManager.getConnection(settings.url(), properties);
    }

    private void dispatch(String payload) {
        try {
            JsonValue.JsonObject event = (JsonValue.JsonObject) CanonicalJson.parse(payload);
            TenantId tenant = TenantId.of(text(event, "tenant").orElseThrow());
            String type = text(event, "type").orElse("");
            if ("statuses".equals(type)) {
                dispatchStatuses(tenant, event);
                return;
            }
            if ("iterations".equals(type)) {
                dispatchIterations(tenant, event);
                return;
            }
            if ("ended".equals(type)) {
                dispatchEnded(tenant, event);
                return;
            }
            Instant at = Instant.parse(text(event, "at").orElseThrow());
            if ("status".equals(type)) {
                statusChanges.accept(new ExecutionStatusChange(tenant, ConversationId.of(text(event, "conversation").orElseThrow()),
                        ExecutionId.of(text(event, "root").orElseThrow()), ExecutionId.of(text(event, "execution").orElseThrow()),
                        text(event, "from").map(ExecutionStatus::valueOf), ExecutionStatus.valueOf(text(event, "to").orElseThrow()),
                        at));
            } else {
                iterations.accept(tenant, new IterationEvent(ExecutionId.of(text(event, "execution").orElseThrow()),
                        IterationEventKind.valueOf(text(event, "kind").orElseThrow()), number(event, "iteration"),
                        number(event, "max"), at, text(event, "detail")));
            }
        } catch (RuntimeException e) {
            LOG.warn("ignored a malformed execution event notification: {}", e.getClass().getSimpleName());
        }
    }

    /** A packed batch of one tree's changes: each member is {@code [execution, from or null]}, in order. */
    private void dispatchStatuses(TenantId tenant, JsonValue.JsonObject event) {
        ConversationId conversation = ConversationId.of(text(event, "conversation").orElseThrow());
        ExecutionId root = ExecutionId.of(text(event, "root").orElseThrow());
        ExecutionStatus to = ExecutionStatus.valueOf(text(event, "to").orElseThrow());
        Instant at = Instant.parse(text(event, "at").orElseThrow());
        List<ExecutionStatusChange> changes = new ArrayList<>();
        for (JsonValue member : members(event)) {
            List<JsonValue> fields = ((JsonValue.JsonArray) member).elements();
            Optional<ExecutionStatus> from = fields.get(1) instanceof JsonValue.JsonString name
                    ? Optional.of(ExecutionStatus.valueOf(name.value())) : Optional.empty();
            changes.add(new ExecutionStatusChange(tenant, conversation, root,
                    ExecutionId.of(((JsonValue.JsonString) fields.get(0)).value()), from, to, at));
        }
        for (ExecutionStatusChange change : changes) {
            deliver(() -> statusChanges.accept(change));
        }
    }

    /** A packed batch of events: each member is {@code [execution, iteration, at]}, in order. */
    private void dispatchIterations(TenantId tenant, JsonValue.JsonObject event) {
        IterationEventKind kind = IterationEventKind.valueOf(text(event, "kind").orElseThrow());
        int max = number(event, "max");
        Optional<String> detail = text(event, "detail");
        List<IterationEvent> events = new ArrayList<>();
        for (JsonValue member : members(event)) {
            List<JsonValue> fields = ((JsonValue.JsonArray) member).elements();
            events.add(new IterationEvent(ExecutionId.of(((JsonValue.JsonString) fields.get(0)).value()), kind,
                    (int) ((JsonValue.JsonNumber) fields.get(1)).value(), max,
                    Instant.parse(((JsonValue.JsonString) fields.get(2)).value()), detail));
        }
        for (IterationEvent decoded : events) {
            deliver(() -> iterations.accept(tenant, decoded));
        }
    }

    /**
     * A packed batch of executions that ended together: each member is {@code [execution, from or
     * null, iteration, max]}, its status change and then its event, members in order.
     */
    private void dispatchEnded(TenantId tenant, JsonValue.JsonObject event) {
        ConversationId conversation = ConversationId.of(text(event, "conversation").orElseThrow());
        ExecutionId root = ExecutionId.of(text(event, "root").orElseThrow());
        ExecutionStatus to = ExecutionStatus.valueOf(text(event, "to").orElseThrow());
        Instant at = Instant.parse(text(event, "at").orElseThrow());
        IterationEventKind kind = IterationEventKind.valueOf(text(event, "kind").orElseThrow());
        Optional<String> detail = text(event, "detail");
        List<ExecutionStatusChange> changes = new ArrayList<>();
        List<IterationEvent> events = new ArrayList<>();
        for (JsonValue member : members(event)) {
            List<JsonValue> fields = ((JsonValue.JsonArray) member).elements();
            ExecutionId execution = ExecutionId.of(((JsonValue.JsonString) fields.get(0)).value());
            Optional<ExecutionStatus> from = fields.get(1) instanceof JsonValue.JsonString name
                    ? Optional.of(ExecutionStatus.valueOf(name.value())) : Optional.empty();
            changes.add(new ExecutionStatusChange(tenant, conversation, root, execution, from, to, at));
            events.add(new IterationEvent(execution, kind, (int) ((JsonValue.JsonNumber) fields.get(2)).value(),
                    (int) ((JsonValue.JsonNumber) fields.get(3)).value(), at, detail));
        }
        for (int i = 0; i < changes.size(); i++) {
            ExecutionStatusChange change = changes.get(i);
            IterationEvent decoded = events.get(i);
            deliver(() -> statusChanges.accept(change));
            deliver(() -> iterations.accept(tenant, decoded));
        }
    }

    /** One member of a batch: a consumer failing on it does not cost the members after it. */
    private static void deliver(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.warn("an execution event consumer failed on one member of a batch: {}", e.getClass().getSimpleName());
        }
    }

    private static List<JsonValue> members(JsonValue.JsonObject event) {
        return ((JsonValue.JsonArray) event.get("members")).elements();
    }

    private static Optional<String> text(JsonValue.JsonObject event, String name) {
        JsonValue value = event.get(name);
        return value instanceof JsonValue.JsonString string ? Optional.of(string.value()) : Optional.empty();
    }

    private static int number(JsonValue.JsonObject event, String name) {
        return (int) ((JsonValue.JsonNumber) event.get(name)).value();
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
