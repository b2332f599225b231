package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;

/**
 * V21 on a database that already holds executions (of several tenants, ended and running, with
 * events): every execution keeps its context, now by digest, one context row per tenant and
 * content, and the guard still holds afterwards.
 */
class ExecutionContextMigrationTest {

    private static final TenantId ACME = TenantId.of("acme-labs");
    private static final TenantId GLOBEX = TenantId.of("globex");
    private static final String AGENT = "{\"name\": \"aegis-system-agent-runtime\", \"capabilities\":"
            + " [{\"tool\": \"fs.*\", \"paths\": [\"/workspace/**\"]}], \"deny\": []}";
    private static final String NARROW = "{\"name\": \"aegis-system-agent-runtime-narrow\", \"capabilities\": [],"
            + " \"deny\": []}";

    @Test
    void migrate_executionsStoredBeforeV21_eachKeepsItsContextByDigestAndTheGuardHolds() {
        JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
        String password = database.password() == null ? "" : database.password();
        Flyway.configure().dataSource(database.url(), database.user(), password)
                .locations("classpath:db/migration").target("20").load().migrate();
        Jdbi owner = Jdbi.create(database.url(), database.user(), password);
        owner.useHandle(h -> {
            insert(h, ACME, "acme-root", null, "acme-root", 0, "RUNNING", AGENT);
            insert(h, ACME, "acme-child", "acme-root", "acme-root", 1, "CANCELLED", AGENT);
            insert(h, ACME, "acme-narrow", "acme-root", "acme-root", 1, "COMPLETED", NARROW);
            insert(h, GLOBEX, "globex-root", null, "globex-root", 0, "FAILED", AGENT);
            h.execute("INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration, max_iterations, sentence,"
                    + " occurred_at) VALUES ('acme-labs', 'acme-child', 'CANCELLED', 0, 5, 'The run was cancelled.', now())");
        });

        PostgresPersistence.migrateOnly(database);

        owner.useHandle(h -> {
            assertThat(h.createQuery("SELECT tenant_id || ':' || (context->>'name') FROM execution_context ORDER BY 1")
                    .mapTo(String.class).list()).containsExactly("acme-labs:aegis-system-agent-runtime",
                    "acme-labs:aegis-system-agent-runtime-narrow", "globex:aegis-system-agent-runtime");
            assertThat(h.createQuery("SELECT count(*) FROM execution e JOIN execution_context c"
                    + " ON c.tenant_id = e.tenant_id AND c.digest = e.context_digest").mapTo(Integer.class).one()).isEqualTo(4);
            assertThatThrownBy(() -> h.execute("UPDATE execution SET status = 'RUNNING' WHERE id = 'acme-child'"))
                    .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("final");
        });
        ExecutionTree tree = new ExecutionPersistenceAdapter(owner).loadTree(ACME, ExecutionId.of("acme-root"), 3)
                .orElseThrow();
        assertThat(tree.get(ExecutionId.of("acme-narrow")).securityContext())
                .isEqualTo(ExecutionContextJson.read(NARROW));
        assertThat(tree.get(ExecutionId.of("acme-child")).securityContext()).isEqualTo(ExecutionContextJson.read(AGENT));
    }

    private static void insert(org.jdbi.v3.core.Handle h, TenantId tenant, String id, String parent, String root,
            int depth, String status, String context) {
        h.createUpdate("INSERT INTO execution (tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth,"
                        + " status, security_context, deadline, memory_bytes, max_iterations, iteration_count, created_at,"
                        + " updated_at) VALUES (:tenant, :id, 'conv-' || :root, 'user-1', :parent, :root, :depth, :status,"
                        + " CAST(:context AS JSONB), now() + interval '1 hour', 1024, 5, 0, now(), now())")
                .bind("tenant", tenant.value()).bind("id", id).bind("parent", parent).bind("root", root)
                .bind("depth", depth).bind("status", status).bind("context", context)
                .execute();
    }
}
