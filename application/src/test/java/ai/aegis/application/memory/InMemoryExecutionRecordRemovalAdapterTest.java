package ai.aegis.application.memory;

import ai.aegis.application.contract.ExecutionRecordRemovalPortContract;
import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.IterationEventRepositoryPort;

class InMemoryExecutionRecordRemovalAdapterTest extends ExecutionRecordRemovalPortContract {

    private InMemoryExecutionRepositoryAdapter executions;
    private InMemoryIterationEventRepositoryAdapter events;
    private InMemoryExecutionRecordRemovalAdapter removal;

    @Override
    protected void newStores() {
        executions = new InMemoryExecutionRepositoryAdapter();
        events = new InMemoryIterationEventRepositoryAdapter();
        removal = new InMemoryExecutionRecordRemovalAdapter(executions, events);
    }

    @Override
    protected ExecutionRepositoryPort executions() {
        return executions;
    }

    @Override
    protected IterationEventRepositoryPort events() {
        return events;
    }

    @Override
    protected ExecutionRecordRemovalPort removal() {
        return removal;
    }
}
