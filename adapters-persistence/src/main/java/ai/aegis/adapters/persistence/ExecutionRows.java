package ai.aegis.adapters.persistence;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.nio.ByteBuffer;
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

    /**
     * Every column the mapper reads, in order. {@code security_context} is not a column of
     * {@code execution} (which names its context by digest, see {@code V21}): read through
     * {@link #FROM} and {@link #SELECTED}.
     */
    static final String COLUMNS = "tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, status,"
            + " security_context, deadline, memory_bytes, max_iterations, iteration_count, created_at, updated_at";

    /** An execution with its context: {@code execution e} joined to the {@code execution_context c} it names. */
    static final String FROM = "execution e JOIN execution_context c"
            + " ON c.tenant_id = e.tenant_id AND c.digest = e.context_digest";

    /** {@link #COLUMNS} as selected from {@link #FROM}. */
    static final String SELECTED = qualified(COLUMNS, "e").replace("e.security_context", "c.context AS security_context");

    /** The columns of {@code execution} itself, in the order of {@link #COLUMNS}: the context named by its digest. */
    static final String STORED_COLUMNS = COLUMNS.replace("security_context", "context_digest");

    /** The digest PostgreSQL keys a context by, of the JSONB text bound as {@code :context}. */
    static final String CONTEXT_DIGEST = "sha256(convert_to(CAST(CAST(:context AS JSONB) AS TEXT), 'UTF8'))";

    /**
     * The columns in which the members of one tree differ: every member has the tree's tenant, root
     * and conversation (its keys hold it so), so a statement over a subtree returns only these.
     */
    static final String MEMBER_COLUMNS = "id, owner_subject, parent_id, depth, status, context_digest, deadline,"
            + " memory_bytes, max_iterations, iteration_count, created_at, updated_at";

    static final String ACTIVE = "('PENDING', 'RUNNING')";

    static final RowMapper<Execution> MAPPER = ExecutionRows::map;

    private ExecutionRows() {
    }

    /** {@link #MEMBER_COLUMNS}, each qualified by a table alias. */
    static String qualifiedMemberColumns(String alias) {
        return qualified(MEMBER_COLUMNS, alias);
    }

    private static String qualified(String columns, String alias) {
        return Arrays.stream(columns.split(",")).map(column -> alias + "." + column.strip())
                .collect(Collectors.joining(", "));
    }

    /** {@link #MAPPER} for one statement over many rows: each distinct security context is parsed once. */
    static RowMapper<Execution> sharingContextsMapper() {
        Map<String, SecurityContext> parsed = new HashMap<>();
        Identifiers identifiers = new Identifiers();
        return (rs, ctx) -> map(rs, identifiers, row -> parsed.computeIfAbsent(row.getString("security_context"),
                ExecutionContextJson::read));
    }

    /**
     * Maps rows of {@link #MEMBER_COLUMNS} of one tree: tenant, conversation and root are the
     * tree's, given once, and each distinct context digest is resolved once (by {@code resolve}) for
     * the statement — a cascade sends neither the shared identifiers nor a shared context 10,000 times.
     */
    static RowMapper<Execution> treeMemberMapper(TenantId tenant, ConversationId conversation, ExecutionId root,
            Function<ByteBuffer, SecurityContext> resolve) {
        Map<ByteBuffer, SecurityContext> contexts = new HashMap<>();
        Identifiers identifiers = new Identifiers();
        return (rs, ctx) -> {
            String parent = rs.getString("parent_id");
            return new Execution(ExecutionId.of(rs.getString("id")), tenant, rs.getString("owner_subject"), conversation,
                    parent == null ? Optional.empty() : Optional.of(identifiers.ancestor(parent)), root, rs.getInt("depth"),
                    ExecutionStatus.valueOf(rs.getString("status")),
                    contexts.computeIfAbsent(ByteBuffer.wrap(rs.getBytes("context_digest")), resolve),
                    instant(rs, "deadline"), rs.getLong("memory_bytes"), rs.getInt("max_iterations"),
                    rs.getInt("iteration_count"), instant(rs, "created_at"), instant(rs, "updated_at"));
        };
    }

    private static Execution map(ResultSet rs, StatementContext ctx) throws SQLException {
        return map(rs, new Identifiers(), row -> ExecutionContextJson.read(row.getString("security_context")));
    }

    /** How a row's security context is found: parsed from its column, or looked up by its digest. */
    @FunctionalInterface
    private interface ContextReader {
        SecurityContext read(ResultSet row) throws SQLException;
    }

    /**
     * The identifiers the rows of one statement repeat (a swarm's members share tenant, conversation,
     * root and, by the hundred, parent), each validated once.
     */
    private static final class Identifiers {

        private final Map<String, TenantId> tenants = new HashMap<>();
        private final Map<String, ConversationId> conversations = new HashMap<>();
        private final Map<String, ExecutionId> ancestors = new HashMap<>();

        TenantId tenant(String value) {
            return tenants.computeIfAbsent(value, TenantId::of);
        }

        ConversationId conversation(String value) {
            return conversations.computeIfAbsent(value, ConversationId::of);
        }

        ExecutionId ancestor(String value) {
            return ancestors.computeIfAbsent(value, ExecutionId::of);
        }
    }

    private static Execution map(ResultSet rs, Identifiers identifiers, ContextReader contexts) throws SQLException {
        String parent = rs.getString("parent_id");
        return new Execution(ExecutionId.of(rs.getString("id")), identifiers.tenant(rs.getString("tenant_id")),
                rs.getString("owner_subject"), identifiers.conversation(rs.getString("conversation_id")),
                parent == null ? Optional.empty() : Optional.of(identifiers.ancestor(parent)),
                identifiers.ancestor(rs.getString("root_id")), rs.getInt("depth"),
                ExecutionStatus.valueOf(rs.getString("status")), contexts.read(rs), instant(rs, "deadline"),
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
}
