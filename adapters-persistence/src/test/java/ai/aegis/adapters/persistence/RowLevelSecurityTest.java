package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The database holds tenant isolation by itself: the service's sessions run as the non-superuser
 * app role, and a statement that forgets its WHERE clause still sees only its own tenant.
 */
class RowLevelSecurityTest {

    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;
    private static PostgresPersistence persistence;
    private static TenantTransactions transactions;

    @BeforeAll
    static void start() {
        persistence = PostgresPersistence.start(EmbeddedPostgresSupport.freshDatabase().withAppRole(PostgresPersistence.APP_ROLE));
        transactions = new TenantTransactions(persistence.jdbi());
        ConversationPersistenceAdapter conversations = new ConversationPersistenceAdapter(persistence.jdbi());
        Instant now = ContractFixtures.NOW;
        conversations.insert(new Conversation(ConversationId.of("conv-a"), A, "alice", ConversationMode.AGENTIC, false, now));
        conversations.insert(new Conversation(ConversationId.of("conv-b"), B, "bob", ConversationMode.AGENTIC, false, now));
        ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(persistence.jdbi());
        executions.insertRoot(ContractFixtures.newTree(A, "root-a", "conv-a").root());
        executions.insertRoot(ContractFixtures.newTree(B, "root-b", "conv-b").root());
    }

    @AfterAll
    static void stop() {
        persistence.close();
    }

    private static long count(String table, TenantId tenant) {
        return transactions.inTenant(tenant, h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Test
    void sessions_ofTheService_runAsTheNonSuperuserAppRole() {
        boolean superuser = persistence.jdbi().withHandle(h -> h.createQuery(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user").mapTo(Boolean.class).one());
        String role = persistence.jdbi().withHandle(h -> h.createQuery("SELECT current_user").mapTo(String.class).one());

        assertThat(role).isEqualTo("aegis_app");
        assertThat(superuser).isFalse();
    }

    @Test
    void queryWithoutWhereClause_inTenantB_seesOnlyTenantBRows() {
        assertThat(count("conversation", B)).isEqualTo(1);
        assertThat(count("execution", B)).isEqualTo(1);
        java.util.List<String> tenants =
                transactions.inTenant(B, h -> h.createQuery("SELECT tenant_id FROM execution").mapTo(String.class).list());
        assertThat(tenants).containsOnly(B.value());
    }

    @Test
    void queryWithNoTenantNamed_seesNothing() {
        long visible = persistence.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM conversation")
                .mapTo(Long.class).one());

        assertThat(visible).isZero();
    }

    @Test
    void declaredBypass_seesEveryTenant() {
        long visible = transactions.acrossTenants("test", h -> h.createQuery("SELECT count(*) FROM execution")
                .mapTo(Long.class).one());

        assertThat(visible).isEqualTo(2);
    }

    @Test
    void writeIntoAnotherTenant_refusedByThePolicy() {
        assertThatThrownBy(() -> transactions.inTenant(B, h -> h.execute(
                "INSERT INTO conversation VALUES ('" + A.value() + "', 'conv-x', 'mallory', 'CHAT', FALSE, now())")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("row-level security");
    }

    @Test
    void auditLog_updateEvenWithBypass_refusedForTheAppRole() {
        assertThatThrownBy(() -> transactions.acrossTenants("test", h -> h.execute("UPDATE audit_log SET action = 'x'")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("permission denied");
    }

    @Test
    void adapters_underTheAppRole_stillWorkEndToEnd() {
        ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(persistence.jdbi());
        ExecutionTree tree = executions.loadTree(A, ExecutionId.of("root-a"), ExecutionTree.DEFAULT_MAX_DEPTH).orElseThrow();

        assertThat(tree.root().tenantId()).isEqualTo(A);
        assertThat(executions.loadTree(B, ExecutionId.of("root-a"), ExecutionTree.DEFAULT_MAX_DEPTH)).isEmpty();
        assertThat(new SealNoncePersistenceAdapter(persistence.jdbi(), () -> ContractFixtures.NOW)
                .recordFirstUse("nonce-1", ContractFixtures.NOW.plusSeconds(30))).isTrue();
    }
}
