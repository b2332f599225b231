package ai.aegis.application.memory;

import ai.aegis.application.contract.WorkflowRunRepositoryPortContract;
import ai.aegis.application.port.out.WorkflowRunRepositoryPort;

class InMemoryWorkflowRunRepositoryAdapterTest extends WorkflowRunRepositoryPortContract {

    @Override
    protected WorkflowRunRepositoryPort newWorkflowRunRepositoryPort() {
        return new InMemoryWorkflowRunRepositoryAdapter();
    }
}
