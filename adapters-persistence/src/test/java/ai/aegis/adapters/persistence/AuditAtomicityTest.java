package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.util.Optional;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A change and its audit row commit together or not at all, with the service's own role and
 * separate adapters sharing one Jdbi (as {@code aegis serve} wires them).
 */
class AuditAtomicityTest {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private static final Identity.ZaruUser ALICE = Identity.zaruUser(ZaruUserId.of("alice"), ContractFixtures.TENANT_A,
            ZaruTier.PRO);

    private AuditLogPersistenceAdapter audit;
    private ConversationPersistenceAdapter conversations;

    @BeforeEach
    void setUp() {
        DATABASE.owner().useHandle(h -> {
            h.execute("TRUNCATE conversation");
            h.execute("TRUNCATE audit_log");
        });
        audit = new AuditLogPersistenceAdapter(DATABASE.persistence().jdbi());
        conversations = new ConversationPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    private Conversation conversation(String id) {
        return Conversation.start(ConversationId.of(id), ALICE, ConversationMode.AGENTIC, ContractFixtures.NOW);
    }

    private AuditRecord record(String action) {
        return new AuditRecord(ALICE.subject(), IdentityKind.ZARU_USER, ContractFixtures.TENANT_A, action,
                Optional.empty(), AuditDecision.ALLOWED, "allowed", ContractFixtures.NOW);
    }

    @Test
    void recordAtomically_changeAndRecord_bothCommitted() {
        audit.recordAtomically(() -> {
            conversations.insert(conversation("c-1"));
            return null;
        }, ignored -> record("conversation.start"));

        assertThat(conversations.find(ContractFixtures.TENANT_A, ConversationId.of("c-1"))).isPresent();
        assertThat(audit.listByTenant(ContractFixtures.TENANT_A, 10)).hasSize(1);
    }

    @Test
    void recordAtomically_changeFailsAfterWriting_writeRolledBackAndNoRecord() {
        assertThatThrownBy(() -> audit.recordAtomically(() -> {
            conversations.insert(conversation("c-2"));
            throw new InvalidInputException("test.refused", "refused after the insert");
        }, ignored -> record("conversation.start")))
                .isInstanceOf(InvalidInputException.class);

        assertThat(conversations.find(ContractFixtures.TENANT_A, ConversationId.of("c-2"))).isEmpty();
        assertThat(audit.listByTenant(ContractFixtures.TENANT_A, 10)).isEmpty();
    }

    @Test
    void recordAtomically_auditRowRefused_changeRolledBack() {
        DATABASE.owner().useHandle(h -> h.execute("""
                CREATE OR REPLACE FUNCTION refuse_test_audit() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.action = 'test.audit_refused' THEN
                        RAISE EXCEPTION 'audit row refused for the test';
                    END IF;
                    RETURN NEW;
                END $$;
                DROP TRIGGER IF EXISTS refuse_test_audit ON audit_log;
                CREATE TRIGGER refuse_test_audit BEFORE INSERT ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION refuse_test_audit();
                """));
        try {
            assertThatThrownBy(() -> audit.recordAtomically(() -> {
                conversations.insert(conversation("c-3"));
                return null;
            }, ignored -> record("test.audit_refused")))
                    .isInstanceOf(JdbiException.class);

            assertThat(conversations.find(ContractFixtures.TENANT_A, ConversationId.of("c-3"))).isEmpty();
        } finally {
            DATABASE.owner().useHandle(h -> h.execute("DROP TRIGGER refuse_test_audit ON audit_log"));
        }
    }
}
