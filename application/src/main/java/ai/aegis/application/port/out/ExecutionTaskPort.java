package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import java.util.Optional;

/**
 * What an execution was asked to do and what it produced. The task an execution carries (every root started with one, and children spawned with one), stored
 * with the execution in the unit of work that creates it and read by the node that claims it. Tenant-scoped: a task is only ever found within the tenant that started its execution. A
 * task is written once; saving a second task for the same execution is refused.
 */
public interface ExecutionTaskPort {

    /**
     * Stores the task of a new execution. When the execution store is the same database, this joins
     * the surrounding unit of work, so an execution and its task are kept or dropped together.
     *
     * @throws ai.aegis.domain.error.AlreadyExistsException when the execution already has a task
     */
    void save(TenantId tenant, ExecutionId execution, TaskSpec task);

    /** The task of the execution within the tenant; empty when it has none or belongs to another tenant. */
    Optional<TaskSpec> find(TenantId tenant, ExecutionId execution);

    /**
     * Stores what an execution produced, once, when it ends (joining the unit of work that ends it).
     *
     * @throws ai.aegis.domain.error.AlreadyExistsException when the execution already has an output
     */
    void saveOutput(TenantId tenant, ExecutionId execution, ExecutionOutput output);

    /** What the execution produced; empty when nothing was reported or it belongs to another tenant. */
    Optional<ExecutionOutput> findOutput(TenantId tenant, ExecutionId execution);
}
