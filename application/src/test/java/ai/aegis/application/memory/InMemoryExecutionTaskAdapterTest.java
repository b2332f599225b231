package ai.aegis.application.memory;

import ai.aegis.application.contract.ExecutionTaskPortContract;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;

class InMemoryExecutionTaskAdapterTest extends ExecutionTaskPortContract {

    private int next;

    @Override
    protected ExecutionTaskPort newExecutionTaskPort() {
        return new InMemoryExecutionTaskAdapter();
    }

    @Override
    protected ExecutionId rootIn(TenantId tenant) {
        next++;
        return ExecutionId.of("exec-" + next);
    }
}
