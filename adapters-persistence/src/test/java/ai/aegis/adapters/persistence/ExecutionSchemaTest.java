package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The execution invariants the database holds by itself: each test writes raw SQL, as a second
 * service instance or a careless script would, and the schema refuses what the domain forbids.
 */
class ExecutionSchemaTest {

    private static final String CONTEXT = "'{\"name\": \"aegis-system-agent-runtime\", \"capabilities\": [], \"deny\": []}'";
    private static final String DIGEST = "sha256(convert_to(CAST(" + CONTEXT + " AS JSONB)::text, 'UTF8'))";

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @BeforeEach
    void empty() {
        sql("TRUNCATE iteration_event, execution, execution_context CASCADE");
    }

    private static void sql(String statement) {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute(statement));
    }

    private static int update(String statement) {
        return DATABASE.persistence().jdbi().withHandle(h -> h.execute(statement));
    }

    private static void insert(String tenant, String id, String conversation, String parent, String root, int depth,
            String status) {
        DATABASE.persistence().jdbi().useHandle((Handle h) -> h.createUpdate("INSERT INTO execution_context (tenant_id,"
                        + " digest, context) VALUES (:tenant, " + DIGEST + ", " + CONTEXT + ") ON CONFLICT DO NOTHING")
                .bind("tenant", tenant)
                .execute());
        DATABASE.persistence().jdbi().useHandle((Handle h) -> h.createUpdate("INSERT INTO execution (tenant_id, id, conversation_id,"
                        + " owner_subject, parent_id, root_id, depth, status, context_digest, deadline, memory_bytes,"
                        + " max_iterations, iteration_count, created_at, updated_at) VALUES (:tenant, :id, :conversation,"
                        + " 'user-1', :parent, :root, :depth, :status, " + DIGEST + ", now() + interval '1 hour', 1024, 5, 0,"
                        + " now(), now())")
                .bind("tenant", tenant).bind("id", id).bind("conversation", conversation).bind("parent", parent)
                .bind("root", root).bind("depth", depth).bind("status", status)
                .execute());
    }

    private static void root(String tenant, String id, String conversation, String status) {
        insert(tenant, id, conversation, null, id, 0, status);
    }

    private static String row(String id) {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT e::text FROM execution e WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    private static String status(String id) {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT status FROM execution WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void rawInsert_secondActiveRootOfAConversation_refusedByThePartialUniqueIndex() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> root("acme", "r-2", "conv-1", "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_one_active_root");
    }

    @Test
    void rawInsert_activeRootBesideEndedRootsOrInAnotherTenant_allowed() {
        root("acme", "r-1", "conv-1", "COMPLETED");
        root("acme", "r-2", "conv-1", "CANCELLED");
        root("acme", "r-3", "conv-1", "RUNNING");
        root("globex", "r-4", "conv-1", "RUNNING");
        insert("acme", "c-1", "conv-1", "r-3", "r-3", 1, "RUNNING");

        long active = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM execution WHERE status IN ('PENDING', 'RUNNING')").mapTo(Long.class).one());
        assertThat(active).isEqualTo(3);
    }

    @Test
    void rawUpdate_endedRootBackToActiveBesideANewRoot_refused() {
        root("acme", "r-1", "conv-1", "PENDING");
        sql("UPDATE execution SET status = 'FAILED' WHERE id = 'r-1'");
        root("acme", "r-2", "conv-1", "PENDING");

        assertThatThrownBy(() -> sql("UPDATE execution SET status = 'RUNNING' WHERE id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("final");
    }

    @Test
    void rawUpdate_terminalRow_refusedByTheTriggerAndUnchanged() {
        root("acme", "r-1", "conv-1", "RUNNING");
        sql("UPDATE execution SET status = 'COMPLETED' WHERE id = 'r-1'");

        for (String change : new String[] {"status = 'RUNNING'", "status = 'CANCELLED'", "iteration_count = 1",
                "updated_at = updated_at + interval '1 second'", "status = 'COMPLETED'"}) {
            assertThatThrownBy(() -> sql("UPDATE execution SET " + change + " WHERE id = 'r-1'"))
                    .isInstanceOf(UnableToExecuteStatementException.class)
                    .hasMessageContaining("is COMPLETED, which is final");
        }
        assertThat(status("r-1")).isEqualTo("COMPLETED");
    }

    @Test
    void rawUpdate_oneIllegalRowAmongLegalOnes_wholeStatementUndone() {
        root("acme", "r-1", "conv-1", "RUNNING");
        insert("acme", "c-1", "conv-1", "r-1", "r-1", 1, "RUNNING");
        insert("acme", "c-2", "conv-1", "r-1", "r-1", 1, "PENDING");
        sql("UPDATE execution SET status = 'COMPLETED' WHERE id = 'c-1'");

        assertThatThrownBy(() -> sql("UPDATE execution SET status = 'CANCELLED' WHERE root_id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution c-1 is COMPLETED, which is final");
        assertThat(status("r-1")).isEqualTo("RUNNING");
        assertThat(status("c-2")).isEqualTo("PENDING");
        int stillPending = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM execution_active WHERE id = 'c-2' AND pending").mapTo(Integer.class).one());
        assertThat(stillPending).isEqualTo(1);
    }

    @Test
    void rawUpdate_transitionOutsideTheLifeCycle_refused() {
        root("acme", "r-1", "conv-1", "PENDING");
        root("acme", "r-2", "conv-2", "RUNNING");

        assertThatThrownBy(() -> sql("UPDATE execution SET status = 'COMPLETED' WHERE id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("cannot go from PENDING to COMPLETED");
        assertThatThrownBy(() -> sql("UPDATE execution SET status = 'PENDING' WHERE id = 'r-2'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("cannot go from RUNNING to PENDING");
        assertThat(update("UPDATE execution SET status = 'RUNNING' WHERE id = 'r-1'")).isEqualTo(1);
    }

    @Test
    void rawUpdate_contextOrBudgetOfALiveExecution_refusedAndUnchanged() {
        root("acme", "r-1", "conv-1", "RUNNING");
        // Another context the tenant holds, so the key is satisfied and only the guard can refuse.
        sql("INSERT INTO execution_context (tenant_id, digest, context) VALUES ('acme', sha256(convert_to('{}', 'UTF8')), '{}')");
        String before = row("r-1");

        // The guard runs after the update, so a change that a key or a check refuses first is named by it.
        Map<String, String> refusals = new LinkedHashMap<>();
        refusals.put("context_digest = sha256(convert_to('{}', 'UTF8'))", "for life");
        refusals.put("deadline = deadline + interval '1 day'", "for life");
        refusals.put("memory_bytes = memory_bytes * 2", "for life");
        refusals.put("max_iterations = 50", "for life");
        refusals.put("tenant_id = 'globex'", "execution_active_tenant_id_id_fkey");
        refusals.put("owner_subject = 'mallory'", "for life");
        refusals.put("conversation_id = 'conv-9'", "for life");
        refusals.put("depth = 1", "execution_root_shape");
        refusals.put("created_at = created_at - interval '1 day'", "for life");
        refusals.forEach((change, refusal) -> assertThatThrownBy(() -> sql("UPDATE execution SET " + change + " WHERE id = 'r-1'"))
                .as(change)
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining(refusal));
        assertThat(row("r-1")).isEqualTo(before);
        assertThat(update("UPDATE execution SET iteration_count = 2 WHERE id = 'r-1'")).isEqualTo(1);
        assertThatThrownBy(() -> sql("UPDATE execution SET iteration_count = 1 WHERE id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("for life");
    }

    @Test
    void rawInsert_childOutsideItsParentsTenantTreeOrConversation_refused() {
        root("acme", "r-1", "conv-1", "RUNNING");
        root("acme", "r-2", "conv-2", "RUNNING");
        root("globex", "g-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> insert("globex", "c-1", "conv-1", "r-1", "g-1", 1, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_parent_fk");
        assertThatThrownBy(() -> insert("acme", "c-2", "conv-1", "r-1", "r-2", 1, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_parent_fk");
        assertThatThrownBy(() -> insert("acme", "c-3", "conv-2", "r-1", "r-1", 1, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_parent_fk");
        assertThatThrownBy(() -> insert("acme", "c-4", "conv-1", "missing", "r-1", 1, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_parent_fk");
    }

    @Test
    void rawInsert_malformedTreePosition_refused() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> insert("acme", "x-1", "conv-1", null, "r-1", 0, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_root_shape");
        assertThatThrownBy(() -> insert("acme", "x-2", "conv-1", "r-1", "r-1", 0, "PENDING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_root_shape");
        assertThatThrownBy(() -> insert("acme", "x-3", "conv-1", null, "x-3", 0, "STARTED"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_status_check");
    }

    @Test
    void rawInsert_idTakenInAnotherTenant_refused() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> root("globex", "r-1", "conv-1", "RUNNING"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_id_unique");
    }

    @Test
    void rawInsert_iterationEventOfAnotherTenantsExecution_refused() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> sql("INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration,"
                + " max_iterations, sentence, occurred_at) VALUES ('globex', 'r-1', 'FIX_APPLIED', 1, 5, 's', now())"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("iteration_event_execution_fk");
    }

    @Test
    void rawUpdate_iterationEventMovedToAnotherExecution_refusedNamingTheKey() {
        root("acme", "r-1", "conv-1", "RUNNING");
        root("acme", "r-2", "conv-2", "RUNNING");
        sql("INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration, max_iterations, sentence, occurred_at)"
                + " VALUES ('acme', 'r-1', 'FIX_APPLIED', 1, 5, 's', now())");

        assertThatThrownBy(() -> sql("UPDATE iteration_event SET execution_id = 'r-2' WHERE execution_id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("iteration_event_execution_fk");
    }

    @Test
    void rawDelete_executionThatStillHasEvents_refusedAndEventsThenExecutionDeletable() {
        root("acme", "r-1", "conv-1", "CANCELLED");
        sql("INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration, max_iterations, sentence, occurred_at)"
                + " VALUES ('acme', 'r-1', 'CANCELLED', 1, 5, 's', now())");

        assertThatThrownBy(() -> sql("DELETE FROM execution WHERE id = 'r-1'"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("iteration_event_execution_fk");
        sql("DELETE FROM iteration_event WHERE execution_id = 'r-1'");
        sql("DELETE FROM execution WHERE id = 'r-1'");
        long left = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM execution WHERE id = 'r-1'").mapTo(Long.class).one());
        assertThat(left).isZero();
    }

    @Test
    void rawInsert_manyEventsInOneStatementOneOfThemOrphaned_wholeStatementRefused() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> sql("INSERT INTO iteration_event (tenant_id, execution_id, kind, iteration,"
                + " max_iterations, sentence, occurred_at) VALUES ('acme', 'r-1', 'FIX_APPLIED', 1, 5, 's', now()),"
                + " ('acme', 'r-404', 'FIX_APPLIED', 1, 5, 's', now())"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("iteration_event_execution_fk");
        long stored = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM iteration_event WHERE tenant_id = 'acme'").mapTo(Long.class).one());
        assertThat(stored).isZero();
    }

    @Test
    void rawInsert_contextWhoseDigestIsNotItsOwn_refusedByTheCheck() {
        assertThatThrownBy(() -> sql("INSERT INTO execution_context (tenant_id, digest, context) VALUES ('acme',"
                + " sha256(convert_to('{}', 'UTF8')), " + CONTEXT + ")"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_context_digest");
    }

    @Test
    void rawInsert_executionNamingAContextItsTenantDoesNotHold_refusedByTheKey() {
        root("acme", "r-1", "conv-1", "RUNNING");

        assertThatThrownBy(() -> sql("INSERT INTO execution (tenant_id, id, conversation_id, owner_subject, parent_id,"
                + " root_id, depth, status, context_digest, deadline, memory_bytes, max_iterations, iteration_count,"
                + " created_at, updated_at) VALUES ('globex', 'g-1', 'conv-1', 'user-1', NULL, 'g-1', 0, 'RUNNING', "
                + DIGEST + ", now() + interval '1 hour', 1024, 5, 0, now(), now())"))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("execution_context_fk");
    }

    @Test
    void rawInsert_manyExecutionsOfOneContext_oneContextRowAndEachRowNarrow() {
        root("acme", "r-1", "conv-1", "RUNNING");
        for (int i = 0; i < 5; i++) {
            insert("acme", "c-" + i, "conv-1", "r-1", "r-1", 1, "PENDING");
        }

        int contexts = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM execution_context WHERE tenant_id = 'acme'").mapTo(Integer.class).one());
        int widestRow = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT max(pg_column_size(e.*)) FROM execution e").mapTo(Integer.class).one());
        assertThat(contexts).isEqualTo(1);
        assertThat(widestRow).isLessThan(300);
    }
}
