package ai.aegis.application.memory;

import ai.aegis.application.contract.IterationEventRepositoryPortContract;
import ai.aegis.application.port.out.IterationEventRepositoryPort;

class InMemoryIterationEventRepositoryAdapterTest extends IterationEventRepositoryPortContract {

    @Override
    protected IterationEventRepositoryPort newRepository() {
        return new InMemoryIterationEventRepositoryAdapter();
    }
}
