package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.ExecutionRecordRemovalPortContract;
import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The execution record removal contract against PostgreSQL as the service's own role. */
class ExecutionRecordRemovalPersistenceAdapterTest extends ExecutionRecordRemovalPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected void newStores() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE iteration_event, execution CASCADE"));
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
