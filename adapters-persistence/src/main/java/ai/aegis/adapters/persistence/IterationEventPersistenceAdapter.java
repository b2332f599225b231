package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Iteration events in PostgreSQL, in append order (an identity sequence). An event belongs to an
 * execution of the same tenant — a foreign key, so no tenant can add to another tenant's history.
 * The rendered sentence is stored beside the detail for anyone reading the table directly; the
 * event is rebuilt from kind, counts, time and detail.
 */
public final class IterationEventPersistenceAdapter implements IterationEventRepositoryPort {

    private static final String FOREIGN_KEY_VIOLATION = "23503";

    private final TenantTransactions transactions;

    public IterationEventPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    /**
     * @throws NotFoundException {@code execution.not_found} when the tenant has no such execution
     */
    @Override
    public void append(TenantId tenantId, IterationEvent event) {
        try {
            transactions.inTenant(tenantId, handle -> handle.createUpdate("""
                            INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration, max_iterations, detail,
                                                         sentence, occurred_at)
                            VALUES (:tenant, :execution, :kind, :iteration, :max, :detail, :sentence, :at)""")
                    .bind("tenant", tenantId.value())
                    .bind("execution", event.executionId().value())
                    .bind("kind", event.kind().name())
                    .bind("iteration", event.iteration())
                    .bind("max", event.maxIterations())
                    .bind("detail", event.detail().orElse(null))
                    .bind("sentence", event.sentence())
                    .bind("at", ExecutionRows.timestamp(event.at()))
                    .execute());
        } catch (UnableToExecuteStatementException e) {
            if (SqlStates.is(e, FOREIGN_KEY_VIOLATION)) {
                throw new NotFoundException("execution.not_found", "execution " + event.executionId() + " was not found");
            }
            throw e;
        }
    }

    @Override
    public List<IterationEvent> listByExecution(TenantId tenantId, ExecutionId executionId) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery("""
                        SELECT execution_id, kind, iteration, max_iterations, detail, occurred_at FROM iteration_event
                        WHERE tenant_id = :tenant AND execution_id = :execution ORDER BY seq""")
                .bind("tenant", tenantId.value())
                .bind("execution", executionId.value())
                .map((rs, ctx) -> new IterationEvent(ExecutionId.of(rs.getString("execution_id")),
                        IterationEventKind.valueOf(rs.getString("kind")), rs.getInt("iteration"), rs.getInt("max_iterations"),
                        ExecutionRows.instant(rs, "occurred_at"), Optional.ofNullable(rs.getString("detail"))))
                .list());
    }
}
