package ai.aegis.application.memory;

import ai.aegis.application.contract.NodeWorkPortsContract;

class InMemoryNodeWorkAdaptersTest extends NodeWorkPortsContract {

    @Override
    protected Stores newStores() {
        InMemoryExecutionRepositoryAdapter executions = new InMemoryExecutionRepositoryAdapter();
        InMemoryNodeRegistryAdapter nodes = new InMemoryNodeRegistryAdapter();
        return new Stores(executions, nodes, new InMemoryWorkClaimAdapter(executions, nodes));
    }
}
