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
 * own dedicated connection and hands them, decoded, to the given consumers. Reconnects by itself
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
            Instant at = Instant.parse(text(event, "at").orElseThrow());
            if ("status".equals(text(event, "type").orElse(""))) {
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
