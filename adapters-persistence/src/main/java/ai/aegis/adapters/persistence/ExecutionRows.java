package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * How an {@link Execution} maps to a row of the {@code execution} table. PostgreSQL keeps
 * timestamps to the microsecond (rounding what it is given), so instants are truncated to the
 * microsecond before they are bound and an execution reads back truncated;
 * {@link #atStoredPrecision} gives the form a stored row will compare equal to.
 */
final class ExecutionRows {

    /** Every column, in the order the mapper and the insert use. */
    static final String COLUMNS = "tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, status,"
            + " security_context, deadline, memory_bytes, max_iterations, iteration_count, created_at, updated_at";

    static final String ACTIVE = "('PENDING', 'RUNNING')";

    static final RowMapper<Execution> MAPPER = ExecutionRows::map;

    private ExecutionRows() {
    }

    /** {@link #COLUMNS}, each qualified by a table alias. */
    static String qualifiedColumns(String alias) {
        return Arrays.stream(COLUMNS.split(",")).map(column -> alias + "." + column.strip())
                .collect(Collectors.joining(", "));
    }

    /**
     * Maps rows of {@code previous_status} plus {@link #COLUMNS} to transitions. One mapper per
     * statement: the members of a swarm mostly share a few security contexts, so each distinct one
     * is parsed once.
     */
    static RowMapper<ExecutionRepositoryPort.Transition> transitionMapper() {
        RowMapper<Execution> executions = sharingContextsMapper();
        return (rs, ctx) -> new ExecutionRepositoryPort.Transition(ExecutionStatus.valueOf(rs.getString("previous_status")),
                executions.map(rs, ctx));
    }

    /** {@link #MAPPER} for one statement over many rows: each distinct security context is parsed once. */
    static RowMapper<Execution> sharingContextsMapper() {
        Map<String, SecurityContext> parsed = new HashMap<>();
        return (rs, ctx) -> map(rs, json -> parsed.computeIfAbsent(json, ExecutionContextJson::read));
    }

    /**
     * {@link #COLUMNS} for a statement over a whole tree whose members mostly share the root's context:
     * a member with exactly that context returns NULL in its place (bind {@code :rootContext}), so the
     * context is not sent 10,000 times; {@link #sharingContextsMapper(SecurityContext)} puts it back.
     */
    static final String COLUMNS_SHARING_ROOT_CONTEXT = COLUMNS.replace("security_context,",
            "NULLIF(security_context, CAST(:rootContext AS jsonb)) AS security_context,");

    /** {@link #sharingContextsMapper()} for {@link #COLUMNS_SHARING_ROOT_CONTEXT}: NULL is {@code rootContext}. */
    static RowMapper<Execution> sharingContextsMapper(SecurityContext rootContext) {
        Map<String, SecurityContext> parsed = new HashMap<>();
        return (rs, ctx) -> map(rs, json -> json == null ? rootContext
                : parsed.computeIfAbsent(json, ExecutionContextJson::read));
    }

    private static Execution map(ResultSet rs, StatementContext ctx) throws SQLException {
        return map(rs, ExecutionContextJson::read);
    }

    private static Execution map(ResultSet rs, Function<String, SecurityContext> contexts) throws SQLException {
        String parent = rs.getString("parent_id");
        return new Execution(ExecutionId.of(rs.getString("id")), TenantId.of(rs.getString("tenant_id")),
                rs.getString("owner_subject"), ConversationId.of(rs.getString("conversation_id")),
                parent == null ? Optional.empty() : Optional.of(ExecutionId.of(parent)),
                ExecutionId.of(rs.getString("root_id")), rs.getInt("depth"), ExecutionStatus.valueOf(rs.getString("status")),
                contexts.apply(rs.getString("security_context")), instant(rs, "deadline"),
                rs.getLong("memory_bytes"), rs.getInt("max_iterations"), rs.getInt("iteration_count"),
                instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /** The bind value for {@code instant}, truncated here because PostgreSQL would round to the microsecond. */
    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(micros(instant), ZoneOffset.UTC);
    }

    /** The execution as it reads back once stored: every instant truncated to the microsecond. */
    static Execution atStoredPrecision(Execution e) {
        return new Execution(e.id(), e.tenantId(), e.ownerSubject(), e.conversationId(), e.parentId(), e.rootId(), e.depth(),
                e.status(), e.securityContext(), micros(e.deadline()), e.memoryBytes(), e.maxIterations(),
                e.iterationCount(), micros(e.createdAt()), micros(e.updatedAt()));
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** True when {@code after} keeps everything {@code before} was created with (only status, count and time move). */
    static boolean sameCreation(Execution before, Execution after) {
        return before.id().equals(after.id()) && before.tenantId().equals(after.tenantId())
                && before.ownerSubject().equals(after.ownerSubject()) && before.conversationId().equals(after.conversationId())
                && before.parentId().equals(after.parentId()) && before.rootId().equals(after.rootId())
                && before.depth() == after.depth() && before.securityContext().equals(after.securityContext())
                && before.deadline().equals(after.deadline()) && before.memoryBytes() == after.memoryBytes()
                && before.maxIterations() == after.maxIterations() && before.createdAt().equals(after.createdAt());
    }
}
