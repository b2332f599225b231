package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.ExecutionTaskPortContract;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.TenantId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The execution task contract against PostgreSQL as the service role, plus what the schema adds. */
class ExecutionTaskPersistenceAdapterTest extends ExecutionTaskPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();
    private static final AtomicInteger ROOTS = new AtomicInteger();

    private ExecutionPersistenceAdapter executions;
    private ExecutionTaskPersistenceAdapter tasks;

    @Override
    protected ExecutionTaskPort newExecutionTaskPort() {
        executions = new ExecutionPersistenceAdapter(DATABASE.persistence().jdbi());
        tasks = new ExecutionTaskPersistenceAdapter(DATABASE.persistence().jdbi());
        return tasks;
    }

    @Override
    protected ExecutionId rootIn(TenantId tenant) {
        String id = "task-root-" + ROOTS.incrementAndGet();
        executions.insertRoot(ExecutionTestTrees.root(tenant, id, "conv-" + id, 3).root());
        return ExecutionId.of(id);
    }

    @Test
    void find_afterExecutionDeleted_taskGoneWithIt() {
        ExecutionId root = rootIn(ACME);
        tasks.save(ACME, root, TaskSpec.instructions("Print hello"));

        DATABASE.owner().useHandle(h -> h.createUpdate("DELETE FROM execution WHERE id = :id")
                .bind("id", root.value()).execute());

        assertThat(tasks.find(ACME, root)).isEmpty();
    }

    @Test
    void select_asAnotherTenantWithoutWhereClause_seesNoRow() {
        ExecutionId root = rootIn(ACME);
        tasks.save(ACME, root, TaskSpec.instructions("Print hello"));

        long visible = new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(GLOBEX, handle ->
                handle.createQuery("SELECT count(*) FROM execution_task").mapTo(Long.class).one());

        assertThat(visible).isZero();
    }
}
