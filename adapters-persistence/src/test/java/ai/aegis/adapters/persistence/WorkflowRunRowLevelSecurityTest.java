package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.workflow.WorkflowRun;
import java.util.Map;
import org.jdbi.v3.core.JdbiException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow run tables under row-level security as the service's own role: each tenant sees only its rows. */
class WorkflowRunRowLevelSecurityTest {

    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @BeforeAll
    static void oneRunInEachTenant() {
        WorkflowRunPersistenceAdapter runs = new WorkflowRunPersistenceAdapter(DATABASE.persistence().jdbi());
        for (TenantId tenant : new TenantId[] {A, B}) {
            Identity owner = Identity.zaruUser(ZaruUserId.of("user-" + tenant.value()), tenant, ZaruTier.PRO);
            WorkflowRun.Change started = WorkflowRun.start(ExecutionId.of("run-" + tenant.value()), owner,
                    ConversationId.of("conv-" + tenant.value()), ManifestFixtures.workflow(),
                    new JsonValue.JsonObject(Map.of()), ContractFixtures.NOW);
            runs.insert(started.run(), started.events());
        }
    }

    private static long count(String sql, TenantId tenant) {
        return new TenantTransactions(DATABASE.persistence().jdbi())
                .inTenant(tenant, h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Test
    void runsAndEvents_inTenantB_onlyTenantBsRowsVisible() {
        assertThat(count("SELECT count(*) FROM workflow_run", B)).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM workflow_run WHERE tenant_id <> '" + B.value() + "'", B)).isZero();
        assertThat(count("SELECT count(*) FROM workflow_run_event", B)).isPositive();
        assertThat(count("SELECT count(*) FROM workflow_run_event WHERE tenant_id <> '" + B.value() + "'", B)).isZero();
    }

    @Test
    void withoutTenantOrBypass_nothingVisible() {
        long runs = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM workflow_run")
                .mapTo(Long.class).one());
        long events = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM workflow_run_event").mapTo(Long.class).one());

        assertThat(runs).isZero();
        assertThat(events).isZero();
    }

    @Test
    void writeForAnotherTenant_refusedByThePolicy() {
        assertThatThrownBy(() -> new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(A, h -> h.execute(
                "INSERT INTO workflow_run_event (tenant_id, run_id, position, at, sentence) VALUES (?, ?, 99, now(), 'x')",
                B.value(), "run-" + B.value())))
                .isInstanceOf(JdbiException.class);
    }

    @Test
    void declaredBypass_seesBothRuns() {
        long runs = new TenantTransactions(DATABASE.persistence().jdbi()).acrossTenants("test",
                h -> h.createQuery("SELECT count(*) FROM workflow_run").mapTo(Long.class).one());

        assertThat(runs).isEqualTo(2);
    }
}
