package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.ExecutionRecordRemovalPortContract;
import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import ai.aegis.domain.execution.ExecutionTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The execution record removal contract against PostgreSQL as the service's own role. */
class ExecutionRecordRemovalPersistenceAdapterTest extends ExecutionRecordRemovalPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected void newStores() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE iteration_event, execution, execution_context CASCADE"));
    }

    private static long contexts(String tenant) {
        return DATABASE.owner().withHandle(h -> h.createQuery("SELECT count(*) FROM execution_context WHERE tenant_id = :t")
                .bind("t", tenant).mapTo(Long.class).one());
    }

    @Test
    void removeEndedTree_lastTreeNamingItsContext_contextRemovedWithIt() {
        ExecutionTree tree = ContractFixtures.newTree(ContractFixtures.TENANT_A, "exec-ctx-root", "conv-ctx");
        executions().insertRoot(tree.root());
        executions().saveChanges(ContractFixtures.TENANT_A, tree, tree.cancel(tree.root().id(),
                ContractFixtures.NOW.plusSeconds(1)).changed());
        ExecutionTree other = ContractFixtures.newTree(ContractFixtures.TENANT_A, "exec-ctx-other", "conv-ctx-2");
        executions().insertRoot(other.root());
        assertThat(contexts(ContractFixtures.TENANT_A.value())).isEqualTo(1);

        removal().removeEndedTree(ContractFixtures.TENANT_A, tree.root().id());

        assertThat(contexts(ContractFixtures.TENANT_A.value())).as("still named by the other tree").isEqualTo(1);
        executions().saveChanges(ContractFixtures.TENANT_A, other, other.cancel(other.root().id(),
                ContractFixtures.NOW.plusSeconds(2)).changed());
        removal().removeEndedTree(ContractFixtures.TENANT_A, other.root().id());
        assertThat(contexts(ContractFixtures.TENANT_A.value())).isZero();
    }

    @Override
    protected ExecutionRepositoryPort executions() {
        return new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Override
    protected IterationEventRepositoryPort events() {
        return new IterationEventPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Override
    protected ExecutionRecordRemovalPort removal() {
        return new ExecutionRecordRemovalPersistenceAdapter(DATABASE.persistence().jdbi());
    }
}
