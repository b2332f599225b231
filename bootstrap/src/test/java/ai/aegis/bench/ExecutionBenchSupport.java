package ai.aegis.bench;

import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.adapters.persistence.ConversationPersistenceAdapter;
import ai.aegis.adapters.persistence.ExecutionEventNotifyAdapter;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.IdGeneratorPort;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/** Shared set-up of the execution benchmarks: users, roots, the service wired to PostgreSQL, bulk trees. */
final class ExecutionBenchSupport {

    static final ClockPort CLOCK = Instant::now;

    private ExecutionBenchSupport() {
    }

    static Identity.ZaruUser user(String name, ZaruTier tier) {
        return Identity.zaruUser(ZaruUserId.of(name), TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier);
    }

    /** A Pending root of {@code owner}'s, not stored, with a generous budget. */
    static ExecutionTree root(Identity owner, String id) {
        Instant now = CLOCK.now();
        return ExecutionTree.startRoot(new NewRoot(ExecutionId.of(id), TenantScope.of(owner), owner.subject(),
                ConversationId.of("conv-" + id), BuiltInContexts.AGENT_RUNTIME, now.plus(Duration.ofHours(4)), 1L << 30,
                1_000_000), Optional.empty(), Integer.MAX_VALUE, now);
    }

    /** Unique ids per JVM, so a benchmark never collides with an earlier invocation's rows. */
    static IdGeneratorPort ids(String prefix) {
        AtomicLong executions = new AtomicLong();
        AtomicLong conversations = new AtomicLong();
        return new IdGeneratorPort() {
            @Override
            public ExecutionId newExecutionId() {
                return ExecutionId.of(prefix + "-exec-" + executions.incrementAndGet());
            }

            @Override
            public ConversationId newConversationId() {
                return ConversationId.of(prefix + "-conv-" + conversations.incrementAndGet());
            }
        };
    }

    /** The execution service over every PostgreSQL adapter, as {@code aegis serve} wires it. */
    static ExecutionService postgresService(Jdbi jdbi, String idPrefix) {
        return new ExecutionService(new ConversationPersistenceAdapter(jdbi), new ExecutionPersistenceAdapter(jdbi),
                new IterationEventPersistenceAdapter(jdbi), new LimitOverridesPersistenceAdapter(jdbi),
                new ExecutionEventNotifyAdapter(jdbi), new AuditLogPersistenceAdapter(jdbi), CLOCK, ids(idPrefix));
    }

    /**
     * Stores, below the stored execution {@code top}, 99 children and 9,900 grandchildren (100 per
     * child), half Running and half Pending — with {@code top}, 10,000 active executions — in three
     * set-based statements as the table's owner, then refreshes the planner's statistics.
     */
    static void plantSwarm(Jdbi owner, String top) {
        owner.useHandle(handle -> {
            String columns = "tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth, status,"
                    + " context_digest, deadline, memory_bytes, max_iterations, iteration_count, created_at, updated_at";
            handle.createUpdate("INSERT INTO execution (" + columns + ")"
                            + " SELECT t.tenant_id, t.id || '-c' || i, t.conversation_id, t.owner_subject, t.id, t.root_id,"
                            + " t.depth + 1, CASE WHEN i % 2 = 0 THEN 'RUNNING' ELSE 'PENDING' END, t.context_digest,"
                            + " t.deadline, t.memory_bytes, t.max_iterations, 0, t.created_at, t.updated_at"
                            + " FROM execution t, generate_series(1, 99) AS i WHERE t.id = :top")
                    .bind("top", top)
                    .execute();
            handle.createUpdate("INSERT INTO execution (" + columns + ")"
                            + " SELECT t.tenant_id, t.id || '-g' || g, t.conversation_id, t.owner_subject,"
                            + " t.id || '-c' || (g / 100 + 1), t.root_id, t.depth + 2,"
                            + " CASE WHEN g % 2 = 0 THEN 'RUNNING' ELSE 'PENDING' END, t.context_digest,"
                            + " t.deadline, t.memory_bytes, t.max_iterations, 0, t.created_at, t.updated_at"
                            + " FROM execution t, generate_series(0, 9899) AS g WHERE t.id = :top")
                    .bind("top", top)
                    .execute();
            handle.execute("ANALYZE execution");
            handle.execute("ANALYZE execution_active");
        });
    }
}
