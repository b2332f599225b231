package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.NodeWorkPortsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node registry and work-claim contract against PostgreSQL, as the non-superuser app role. */
class NodePersistenceAdapterTest extends NodeWorkPortsContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected Stores newStores() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE execution_assignment, node, iteration_event, execution CASCADE"));
        NodePersistenceAdapter nodes = new NodePersistenceAdapter(DATABASE.persistence().jdbi());
        return new Stores(new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi()), nodes, nodes);
    }
}
