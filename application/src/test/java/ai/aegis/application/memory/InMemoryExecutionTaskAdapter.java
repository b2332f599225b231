package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory twin of {@link ExecutionTaskPort}: tasks keyed by tenant and execution. */
public final class InMemoryExecutionTaskAdapter implements ExecutionTaskPort {

    private final Map<String, TaskSpec> tasks = new ConcurrentHashMap<>();

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

    private static String key(TenantId tenant, ExecutionId execution) {
        return tenant.value() + "\u0000" + execution.value();
    }
}
