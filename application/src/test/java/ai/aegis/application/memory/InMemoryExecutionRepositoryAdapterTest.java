package ai.aegis.application.memory;

import ai.aegis.application.contract.ExecutionRepositoryPortContract;
import ai.aegis.application.port.out.ExecutionRepositoryPort;

class InMemoryExecutionRepositoryAdapterTest extends ExecutionRepositoryPortContract {

    @Override
    protected ExecutionRepositoryPort newRepository() {
        return new InMemoryExecutionRepositoryAdapter();
    }
}
