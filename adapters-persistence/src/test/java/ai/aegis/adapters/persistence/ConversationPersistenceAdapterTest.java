package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ConversationRepositoryPortContract;
import ai.aegis.application.port.out.ConversationRepositoryPort;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The conversation repository contract against PostgreSQL, plus the lock the database itself holds. */
class ConversationPersistenceAdapterTest extends ConversationRepositoryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected ConversationRepositoryPort newRepository() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE conversation"));
        return new ConversationPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Test
    void directUpdate_modeOfLockedConversation_refusedByTheDatabase() {
        newRepository();
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("INSERT INTO conversation VALUES "
                + "('acme-labs', 'c-1', 'alice', 'AGENTIC', TRUE, now())"));

        assertThatThrownBy(() -> DATABASE.persistence().jdbi().useHandle(h -> h.execute(
                "UPDATE conversation SET mode = 'ARCHITECT' WHERE id = 'c-1'")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("locked");
    }
}
