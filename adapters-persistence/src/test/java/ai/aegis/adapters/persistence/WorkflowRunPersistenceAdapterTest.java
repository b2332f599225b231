package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.WorkflowRunRepositoryPortContract;
import ai.aegis.application.port.out.WorkflowRunRepositoryPort;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow run repository contract against PostgreSQL, run as the service's non-superuser
 * role, so row-level security and the migration's grants are in force.
 */
class WorkflowRunPersistenceAdapterTest extends WorkflowRunRepositoryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected WorkflowRunRepositoryPort newWorkflowRunRepositoryPort() {
        new TenantTransactions(DATABASE.persistence().jdbi()).acrossTenants("test reset",
                h -> h.execute("DELETE FROM workflow_run"));
        return new WorkflowRunPersistenceAdapter(DATABASE.persistence().jdbi());
    }
}
