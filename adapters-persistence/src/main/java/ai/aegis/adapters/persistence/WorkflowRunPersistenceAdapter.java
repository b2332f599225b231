package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.WorkflowRunRepositoryPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.WorkflowManifest;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunEvent;
import ai.aegis.domain.workflow.WorkflowRunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * Workflow runs in PostgreSQL ({@code workflow_run}, {@code workflow_run_event}). Every
 * tenant-scoped statement runs in {@link TenantTransactions#inTenant} and names the tenant in its
 * {@code WHERE} clause; only the sweep's {@link #unfinished} crosses tenants, in a declared bypass.
 * An update is one conditional statement ({@code … WHERE revision = :expected}), so of two
 * instances advancing the same run exactly one changes it; its sentences are appended in the same
 * transaction, under that row's lock. The workflow is stored as its canonical manifest document
 * and the run's data as canonical JSON text, so both read back exactly.
 */
public final class WorkflowRunPersistenceAdapter implements WorkflowRunRepositoryPort {

    private static final String COLUMNS = "run_id, tenant_id, owner_kind, owner_subject, owner_grade, conversation_id, "
            + "workflow_name, workflow_version, workflow_document, data, current_state, status, step_execution_id, "
            + "waiting_until, revision, created_at, updated_at";
    private static final String USER = "zaru_user";
    private static final String OPERATOR = "operator";

    private final TenantTransactions transactions;

    public WorkflowRunPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void insert(WorkflowRun run, List<WorkflowRunEvent> events) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(events, "events");
        transactions.inTenant(run.tenantId(), handle -> {
            try {
                handle.createUpdate("INSERT INTO workflow_run (" + COLUMNS + ") VALUES (:id, :tenant, :ownerKind, "
                                + ":ownerSubject, :ownerGrade, :conversation, :name, :version, :document, :data, :state, "
                                + ":status, :step, :waitingUntil, :revision, :createdAt, :updatedAt)")
                        .bind("id", run.id().value())
                        .bind("tenant", run.tenantId().value())
                        .bind("ownerKind", run.owner() instanceof Identity.Operator ? OPERATOR : USER)
                        .bind("ownerSubject", run.owner().subject())
                        .bind("ownerGrade", grade(run.owner()))
                        .bind("conversation", run.conversationId().value())
                        .bind("name", run.workflow().name().value())
                        .bind("version", run.workflow().version().toString())
                        .bind("document", run.workflow().document())
                        .bind("data", CanonicalJson.serialize(run.data()))
                        .bind("state", run.currentState())
                        .bind("status", run.status().slug())
                        .bind("step", run.stepExecutionId().map(ExecutionId::value).orElse(null))
                        .bind("waitingUntil", run.waitingUntil().map(WorkflowRunPersistenceAdapter::timestamp).orElse(null))
                        .bind("revision", run.revision())
                        .bind("createdAt", timestamp(run.createdAt()))
                        .bind("updatedAt", timestamp(run.updatedAt()))
                        .execute();
            } catch (JdbiException e) {
                if (SqlStates.is(e, "23505")) {
                    throw new AlreadyExistsException("workflow_run.exists", "workflow run " + run.id() + " already exists");
                }
                throw e;
            }
            append(handle, run, events, 0);
            return null;
        });
    }

    @Override
    public void update(WorkflowRun run, List<WorkflowRunEvent> events) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(events, "events");
        transactions.inTenant(run.tenantId(), handle -> {
            int changed = handle.createUpdate("UPDATE workflow_run SET data = :data, current_state = :state, "
                            + "status = :status, step_execution_id = :step, waiting_until = :waitingUntil, "
                            + "revision = :revision, updated_at = :updatedAt "
                            + "WHERE tenant_id = :tenant AND run_id = :id AND revision = :expected")
                    .bind("id", run.id().value())
                    .bind("tenant", run.tenantId().value())
                    .bind("data", CanonicalJson.serialize(run.data()))
                    .bind("state", run.currentState())
                    .bind("status", run.status().slug())
                    .bind("step", run.stepExecutionId().map(ExecutionId::value).orElse(null))
                    .bind("waitingUntil", run.waitingUntil().map(WorkflowRunPersistenceAdapter::timestamp).orElse(null))
                    .bind("revision", run.revision())
                    .bind("expected", run.revision() - 1)
                    .bind("updatedAt", timestamp(run.updatedAt()))
                    .execute();
            if (changed == 0) {
                throw new PreconditionFailedException("workflow_run.concurrent_update", "workflow run " + run.id()
                        + " changed meanwhile; read it again");
            }
            int next = handle.createQuery("SELECT COUNT(*) FROM workflow_run_event WHERE tenant_id = :tenant AND run_id = :id")
                    .bind("tenant", run.tenantId().value())
                    .bind("id", run.id().value())
                    .mapTo(Integer.class)
                    .one();
            append(handle, run, events, next);
            return null;
        });
    }

    private static void append(Handle handle, WorkflowRun run, List<WorkflowRunEvent> events, int first) {
        if (events.isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO workflow_run_event (tenant_id, run_id, position, at, "
                + "sentence) VALUES (:tenant, :id, :position, :at, :sentence)");
        int position = first;
        for (WorkflowRunEvent event : events) {
            batch.bind("tenant", run.tenantId().value())
                    .bind("id", run.id().value())
                    .bind("position", position++)
                    .bind("at", timestamp(event.at()))
                    .bind("sentence", event.sentence())
                    .add();
        }
        batch.execute();
    }

    @Override
    public Optional<WorkflowRun> find(TenantId tenantId, ExecutionId runId) {
        Objects.requireNonNull(runId, "runId");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM workflow_run WHERE tenant_id = :tenant AND run_id = :id")
                .bind("tenant", tenantId.value())
                .bind("id", runId.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public Optional<WorkflowRun> findByStep(TenantId tenantId, ExecutionId stepExecutionId) {
        Objects.requireNonNull(stepExecutionId, "stepExecutionId");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM workflow_run WHERE tenant_id = :tenant AND step_execution_id = :step")
                .bind("tenant", tenantId.value())
                .bind("step", stepExecutionId.value())
                .map((rs, ctx) -> read(rs))
                .findFirst());
    }

    @Override
    public List<WorkflowRunEvent> events(TenantId tenantId, ExecutionId runId) {
        Objects.requireNonNull(runId, "runId");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT at, sentence FROM workflow_run_event WHERE tenant_id = :tenant AND run_id = :id "
                                + "ORDER BY position")
                .bind("tenant", tenantId.value())
                .bind("id", runId.value())
                .map((rs, ctx) -> new WorkflowRunEvent(runId, instant(rs, "at"), rs.getString("sentence")))
                .list());
    }

    @Override
    public List<WorkflowRun> unfinished(Instant changedBefore, Optional<SweepPosition> after, int limit) {
        Objects.requireNonNull(changedBefore, "changedBefore");
        Objects.requireNonNull(after, "after");
        return transactions.acrossTenants("workflow run sweep", handle -> {
            Query query = handle.createQuery("SELECT " + COLUMNS + " FROM workflow_run WHERE status IN ('running', "
                            + "'waiting') AND updated_at <= :before "
                            + (after.isPresent() ? "AND (updated_at, run_id COLLATE \"C\") > (:afterAt, :afterId) " : "")
                            + "ORDER BY updated_at, run_id COLLATE \"C\" LIMIT :limit")
                    .bind("before", timestamp(changedBefore))
                    .bind("limit", limit);
            if (after.isPresent()) {
                query.bind("afterAt", timestamp(after.get().updatedAt())).bind("afterId", after.get().runId().value());
            }
            return query.map((rs, ctx) -> read(rs)).list();
        });
    }

    private static String grade(Identity owner) {
        if (owner instanceof Identity.ZaruUser user) {
            return user.tier().slug();
        }
        return ((Identity.Operator) owner).role().claimValue();
    }

    private static WorkflowRun read(ResultSet rs) throws SQLException {
        TenantId tenant = TenantId.of(rs.getString("tenant_id"));
        String subject = rs.getString("owner_subject");
        Identity owner = OPERATOR.equals(rs.getString("owner_kind"))
                ? Identity.operator(subject, AegisRole.parse(rs.getString("owner_grade")))
                : Identity.zaruUser(ZaruUserId.of(subject), tenant, ZaruTier.parse(rs.getString("owner_grade")));
        WorkflowManifest workflow = (WorkflowManifest) ManifestParser.parse(ManifestKind.WORKFLOW,
                rs.getString("workflow_document")).orThrow();
        String status = rs.getString("status");
        return new WorkflowRun(ExecutionId.of(rs.getString("run_id")), tenant, owner,
                ConversationId.of(rs.getString("conversation_id")), workflow,
                (JsonValue.JsonObject) CanonicalJson.parse(rs.getString("data")), rs.getString("current_state"),
                WorkflowRunStatus.fromSlug(status).orElseThrow(() -> new IllegalStateException(
                        "workflow_run holds an unknown status " + status)),
                Optional.ofNullable(rs.getString("step_execution_id")).map(ExecutionId::of),
                Optional.ofNullable(instant(rs, "waiting_until")), rs.getLong("revision"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
