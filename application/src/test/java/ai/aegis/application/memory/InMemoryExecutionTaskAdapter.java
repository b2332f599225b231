package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link ExecutionTaskPort}: tasks and outputs keyed by tenant and execution. */
public final class InMemoryExecutionTaskAdapter implements ExecutionTaskPort {

    private final Map<String, TaskSpec> tasks = new ConcurrentHashMap<>();
    private final Map<String, ExecutionOutput> outputs = new ConcurrentHashMap<>();

    @Override
    public void save(TenantId tenant, ExecutionId execution, TaskSpec task) {
        Objects.requireNonNull(task, "task");
        if (tasks.putIfAbsent(key(tenant, execution), task) != null) {
            throw new AlreadyExistsException("task.exists", "Execution " + execution.value() + " already has a task");
        }
    }

    @Override
    public Optional<TaskSpec> find(TenantId tenant, ExecutionId execution) {
        return Optional.ofNullable(tasks.get(key(tenant, execution)));
    }

    @Override
    public void saveOutput(TenantId tenant, ExecutionId execution, ExecutionOutput output) {
        Objects.requireNonNull(output, "output");
        if (outputs.putIfAbsent(key(tenant, execution), output) != null) {
            throw new AlreadyExistsException("execution.output_exists", "Execution " + execution.value()
                    + " already has an output");
        }
    }

    @Override
    public Optional<ExecutionOutput> findOutput(TenantId tenant, ExecutionId execution) {
        return Optional.ofNullable(outputs.get(key(tenant, execution)));
    }

    private static String key(TenantId tenant, ExecutionId execution) {
        return tenant.value() + "\u0000" + execution.value();
    }
}
