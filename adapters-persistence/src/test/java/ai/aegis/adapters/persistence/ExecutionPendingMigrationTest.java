package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * V23 on a database that already holds executions (Pending, Running and ended, of two tenants):
 * every active execution keeps its row of {@code execution_active}, flagged Pending exactly when it
 * is, with its creation time; afterwards the triggers keep the flag in step.
 */
class ExecutionPendingMigrationTest {

    private static final String CONTEXT = "{\"name\": \"aegis-system-agent-runtime\", \"capabilities\": [], \"deny\": []}";

    @Test
    void migrate_executionsStoredBeforeV23_pendingOnesFlaggedWithTheirCreationTimeAndKeptInStep() {
        JdbcSettings database = EmbeddedPostgresSupport.freshDatabase();
        String password = database.password() == null ? "" : database.password();
        Flyway.configure().dataSource(database.url(), database.user(), password)
                .locations("classpath:db/migration").target("22").load().migrate();
        Jdbi owner = Jdbi.create(database.url(), database.user(), password);
        owner.useHandle(h -> {
            insert(h, "acme-labs", "acme-root", null, "acme-root", 0, "RUNNING", "2026-11-01T10:00:00Z");
            insert(h, "acme-labs", "acme-waiting", "acme-root", "acme-root", 1, "PENDING", "2026-11-01T10:01:00Z");
            insert(h, "acme-labs", "acme-working", "acme-root", "acme-root", 1, "RUNNING", "2026-11-01T10:02:00Z");
            insert(h, "acme-labs", "acme-done", "acme-root", "acme-root", 1, "PENDING", "2026-11-01T10:03:00Z");
            h.execute("UPDATE execution SET status = 'CANCELLED' WHERE id = 'acme-done'");
            insert(h, "globex", "globex-root", null, "globex-root", 0, "PENDING", "2026-11-01T09:00:00Z");
        });

        PostgresPersistence.migrateOnly(database);

        owner.useHandle(h -> {
            assertThat(facts(h)).containsExactly("acme-root running 2026-11-01 10:00:00+00",
                    "acme-waiting pending 2026-11-01 10:01:00+00", "acme-working running 2026-11-01 10:02:00+00",
                    "globex-root pending 2026-11-01 09:00:00+00");
            assertThat(h.createQuery("SELECT to_regclass('execution_pending') IS NULL").mapTo(Boolean.class).one()).isTrue();

            h.execute("UPDATE execution SET status = 'RUNNING' WHERE id = 'acme-waiting'");
            h.execute("UPDATE execution SET iteration_count = 1 WHERE id = 'acme-working'");
            h.execute("UPDATE execution SET status = 'CANCELLED' WHERE id = 'globex-root'");
            insert(h, "acme-labs", "acme-new", "acme-root", "acme-root", 1, "PENDING", "2026-11-01T11:00:00Z");

            assertThat(facts(h)).containsExactly("acme-new pending 2026-11-01 11:00:00+00",
                    "acme-root running 2026-11-01 10:00:00+00", "acme-waiting running 2026-11-01 10:01:00+00",
                    "acme-working running 2026-11-01 10:02:00+00");
        });
    }

    private static java.util.List<String> facts(Handle h) {
        return h.createQuery("SELECT id || ' ' || CASE WHEN pending THEN 'pending' ELSE 'running' END || ' '"
                        + " || to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00'"
                        + " FROM execution_active ORDER BY id")
                .mapTo(String.class).list();
    }

    private static void insert(Handle h, String tenant, String id, String parent, String root, int depth, String status,
            String createdAt) {
        h.createUpdate("INSERT INTO execution_context (tenant_id, digest, context) VALUES (:tenant,"
                        + " sha256(convert_to(CAST(CAST(:context AS JSONB) AS TEXT), 'UTF8')), CAST(:context AS JSONB))"
                        + " ON CONFLICT DO NOTHING")
                .bind("tenant", tenant).bind("context", CONTEXT)
                .execute();
        h.createUpdate("INSERT INTO execution (tenant_id, id, conversation_id, owner_subject, parent_id, root_id, depth,"
                        + " status, context_digest, deadline, memory_bytes, max_iterations, iteration_count, created_at,"
                        + " updated_at) VALUES (:tenant, :id, 'conv-' || :root, 'user-1', :parent, :root, :depth, :status,"
                        + " sha256(convert_to(CAST(CAST(:context AS JSONB) AS TEXT), 'UTF8')), now() + interval '1 hour',"
                        + " 1024, 5, 0, CAST(:created AS TIMESTAMPTZ), CAST(:created AS TIMESTAMPTZ))")
                .bind("tenant", tenant).bind("id", id).bind("parent", parent).bind("root", root)
                .bind("depth", depth).bind("status", status).bind("context", CONTEXT).bind("created", createdAt)
                .execute();
    }
}
