package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import java.util.List;
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

    /** Every change in one statement (one round trip), in order; the payloads are those of {@link #statusChanged}. */
    @Override
    public void statusesChanged(List<ExecutionStatusChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        int size = changes.size();
        String[][] columns = new String[7][size];
        for (int i = 0; i < size; i++) {
            ExecutionStatusChange change = changes.get(i);
            columns[0][i] = change.tenantId().value();
            columns[1][i] = change.conversationId().value();
            columns[2][i] = change.rootId().value();
            columns[3][i] = change.executionId().value();
            columns[4][i] = change.from().map(Enum::name).orElse(null);
            columns[5][i] = change.to().name();
            columns[6][i] = change.at().toString();
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT count(pg_notify(:channel, json_build_object(
                            'type', 'status', 'tenant', c.tenant, 'conversation', c.conversation, 'root', c.root,
                            'execution', c.execution, 'from', c.from_status, 'to', c.to_status, 'at', c.at)::text))
                        FROM unnest(CAST(:tenants AS TEXT[]), CAST(:conversations AS TEXT[]), CAST(:roots AS TEXT[]),
                                    CAST(:executions AS TEXT[]), CAST(:froms AS TEXT[]), CAST(:tos AS TEXT[]),
                                    CAST(:ats AS TEXT[]))
                             WITH ORDINALITY AS c (tenant, conversation, root, execution, from_status, to_status, at, position)""")
                .bind("channel", CHANNEL)
                .bindArray("tenants", String.class, (Object[]) columns[0])
                .bindArray("conversations", String.class, (Object[]) columns[1])
                .bindArray("roots", String.class, (Object[]) columns[2])
                .bindArray("executions", String.class, (Object[]) columns[3])
                .bindArray("froms", String.class, (Object[]) columns[4])
                .bindArray("tos", String.class, (Object[]) columns[5])
                .bindArray("ats", String.class, (Object[]) columns[6])
                .mapTo(Long.class).one());
    }

    /** Every event in one statement (one round trip), in order; the payloads are those of {@link #iterationReported}. */
    @Override
    public void iterationsReported(TenantId tenantId, List<IterationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        int size = events.size();
        String[] executions = new String[size];
        String[] kinds = new String[size];
        Integer[] iterations = new Integer[size];
        Integer[] maxima = new Integer[size];
        String[] details = new String[size];
        String[] ats = new String[size];
        for (int i = 0; i < size; i++) {
            IterationEvent event = events.get(i);
            executions[i] = event.executionId().value();
            kinds[i] = event.kind().name();
            iterations[i] = event.iteration();
            maxima[i] = event.maxIterations();
            details[i] = event.detail().orElse(null);
            ats[i] = event.at().toString();
        }
        jdbi.useHandle(handle -> handle.createQuery("""
                        SELECT count(pg_notify(:channel, json_build_object(
                            'type', 'iteration', 'tenant', CAST(:tenant AS TEXT), 'execution', e.execution, 'kind', e.kind,
                            'iteration', e.iteration, 'max', e.max, 'detail', e.detail, 'at', e.at)::text))
                        FROM unnest(CAST(:executions AS TEXT[]), CAST(:kinds AS TEXT[]), CAST(:iterations AS INT[]),
                                    CAST(:maxima AS INT[]), CAST(:details AS TEXT[]), CAST(:ats AS TEXT[]))
                             WITH ORDINALITY AS e (execution, kind, iteration, max, detail, at, position)""")
                .bind("channel", CHANNEL)
                .bind("tenant", tenantId.value())
                .bindArray("executions", String.class, (Object[]) executions)
                .bindArray("kinds", String.class, (Object[]) kinds)
                .bindArray("iterations", Integer.class, (Object[]) iterations)
                .bindArray("maxima", Integer.class, (Object[]) maxima)
                .bindArray("details", String.class, (Object[]) details)
                .bindArray("ats", String.class, (Object[]) ats)
                .mapTo(Long.class).one());
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
