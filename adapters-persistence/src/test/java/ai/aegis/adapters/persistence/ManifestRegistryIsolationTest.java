package ai.aegis.adapters.persistence;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.ManifestFixtures;
import ai.aegis.application.port.out.ManifestDeployment;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.registry.ManifestKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the database itself holds for the registry, under the service's own role: row-level
 * security hides another tenant's rows even from a statement without a WHERE clause and refuses
 * writes into another tenant; deployed versions cannot be updated (no grant); and the count of
 * names stays exact when two instances (two connection pools) deploy at once.
 */
class ManifestRegistryIsolationTest {

    private static final TenantId A = ContractFixtures.TENANT_A;
    private static final TenantId B = ContractFixtures.TENANT_B;

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private ManifestRegistryPersistenceAdapter registry;
    private TenantTransactions transactions;

    @BeforeEach
    void setUp() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE registry_manifest"));
        registry = new ManifestRegistryPersistenceAdapter(DATABASE.persistence().jdbi());
        transactions = new TenantTransactions(DATABASE.persistence().jdbi());
        deploy(registry, A, "alpha", CountLimit.unlimited());
        deploy(registry, B, "bravo", CountLimit.unlimited());
    }

    private static void deploy(ManifestRegistryPersistenceAdapter adapter, TenantId tenant, String name, CountLimit limit) {
        adapter.deploy(new ManifestDeployment(tenant, ManifestFixtures.agent(name, "1.0.0"), "alice", NOW,
                ManifestDeployment.NameRule.MUST_BE_NEW, true, limit));
    }

    @Test
    void queryWithoutWhereClause_inTenantB_seesOnlyTenantBRows() {
        List<String> names = transactions.inTenant(B, h -> h.createQuery("SELECT name FROM registry_manifest")
                .mapTo(String.class).list());

        assertThat(names).containsExactly("bravo");
    }

    @Test
    void queryWithNoTenantNamed_seesNothing() {
        long rows = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM registry_manifest")
                .mapTo(Long.class).one());

        assertThat(rows).isZero();
    }

    @Test
    void insertIntoAnotherTenant_refusedByThePolicy() {
        assertThatThrownBy(() -> transactions.inTenant(B, h -> h.execute("INSERT INTO registry_manifest (tenant_id, kind, "
                + "name, version_major, version_minor, version_patch, description, document, deployed_by, deployed_at) "
                + "VALUES (?, 'agent', 'sneaky', 1, 0, 0, 'x', '{}', 'mallory', now())", A.value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
        assertThat(registry.countNames(A, ManifestKind.AGENT)).isEqualTo(1);
    }

    @Test
    void deleteWithoutWhereClause_inTenantB_leavesTenantARows() {
        transactions.inTenant(B, h -> h.execute("DELETE FROM registry_manifest"));

        assertThat(registry.countNames(A, ManifestKind.AGENT)).isEqualTo(1);
        assertThat(registry.countNames(B, ManifestKind.AGENT)).isZero();
    }

    @Test
    void updateOfADeployedVersion_refusedForTheAppRole() {
        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.execute(
                "UPDATE registry_manifest SET description = 'changed' WHERE tenant_id = ?", A.value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void directInsert_invalidName_refusedByTheDatabase() {
        assertThatThrownBy(() -> transactions.inTenant(A, h -> h.execute("INSERT INTO registry_manifest (tenant_id, kind, "
                + "name, version_major, version_minor, version_patch, description, document, deployed_by, deployed_at) "
                + "VALUES (?, 'agent', 'Not A Name', 1, 0, 0, 'x', '{}', 'alice', now())", A.value())))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void twoInstancesRacingTwentyNewNames_exactlyTheLimitAdmitted() throws Exception {
        int limit = 6;
        try (PostgresPersistence second = PostgresPersistence.start(
                DATABASE.settings().withAppRole(PostgresPersistence.APP_ROLE))) {
            List<ManifestRegistryPersistenceAdapter> instances = List.of(registry,
                    new ManifestRegistryPersistenceAdapter(second.jdbi()));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(20);
            try {
                List<Future<Boolean>> futures = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ManifestRegistryPersistenceAdapter instance = instances.get(i % 2);
                    String name = "racer-" + i;
                    Callable<Boolean> racer = () -> {
                        start.await();
                        try {
                            deploy(instance, A, name, CountLimit.of(limit));
                            return true;
                        } catch (LimitExceededException refused) {
                            return false;
                        }
                    };
                    futures.add(pool.submit(racer));
                }
                start.countDown();
                long admitted = 0;
                for (Future<Boolean> f : futures) {
                    if (f.get(2, TimeUnit.MINUTES)) {
                        admitted++;
                    }
                }
                // "alpha" already holds one of the six places.
                assertThat(admitted).isEqualTo(limit - 1);
                assertThat(registry.countNames(A, ManifestKind.AGENT)).isEqualTo(limit);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
