package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Publishes execution events to every instance sharing the database with PostgreSQL
 * {@code NOTIFY} on channel {@value #CHANNEL}, so that a watcher on instance B hears about a cancel
 * made on instance A. The payload is a small JSON object built by the database itself; iteration
 * sentences are already plain and capped, far below NOTIFY's 8,000-byte limit.
 */
public final class ExecutionEventNotifyAdapter implements ExecutionEventPublisherPort {

    public static final String CHANNEL = "aegis_execution_events";

    private final Jdbi jdbi;

    public ExecutionEventNotifyAdapter(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void statusChanged(ExecutionStatusChange change) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT pg_notify(:channel, json_build_object(
                            'type', 'status', 'tenant', CAST(:tenant AS TEXT), 'conversation', CAST(:conversation AS TEXT),
                            'root', CAST(:root AS TEXT), 'execution', CAST(:execution AS TEXT),
                            'from', CAST(:from AS TEXT), 'to', CAST(:to AS TEXT), 'at', CAST(:at AS TEXT))::text)""")
                .bind("channel", CHANNEL)
                .bind("tenant", change.tenantId().value())
                .bind("conversation", change.conversationId().value())
                .bind("root", change.rootId().value())
                .bind("execution", change.executionId().value())
                .bind("from", change.from().map(Enum::name).orElse(null))
                .bind("to", change.to().name())
                .bind("at", change.at().toString())
                .mapTo(String.class).one());
    }

    @Override
    public void iterationReported(TenantId tenantId, IterationEvent event) {
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT pg_notify(:channel, json_build_object(
                            'type', 'iteration', 'tenant', CAST(:tenant AS TEXT), 'execution', CAST(:execution AS TEXT),
                            'kind', CAST(:kind AS TEXT), 'iteration', CAST(:iteration AS INT), 'max', CAST(:max AS INT),
                            'detail', CAST(:detail AS TEXT), 'at', CAST(:at AS TEXT))::text)""")
                .bind("channel", CHANNEL)
                .bind("tenant", tenantId.value())
                .bind("execution", event.executionId().value())
                .bind("kind", event.kind().name())
                .bind("iteration", event.iteration())
                .bind("max", event.maxIterations())
                .bind("detail", event.detail().orElse(null))
                .bind("at", event.at().toString())
                .mapTo(String.class).one());
    }
}
