package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.contract.VolumeRepositoryPortContract;
import ai.aegis.application.port.out.VolumeRepositoryPort;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import java.util.Optional;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The volume repository contract against PostgreSQL, run as the service's non-superuser role (so
 * row-level security and the migration's grants are in force), plus what the schema refuses itself.
 */
class VolumePersistenceAdapterTest extends VolumeRepositoryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected VolumeRepositoryPort newVolumeRepositoryPort() {
        new TenantTransactions(DATABASE.persistence().jdbi()).acrossTenants("test reset",
                h -> h.execute("DELETE FROM volume") + h.execute("DELETE FROM volume_tenant_usage"));
        return new VolumePersistenceAdapter(DATABASE.persistence().jdbi());
    }

    @Test
    void reserve_twoInstancesRacing_neverPassTheBytesQuota() throws Exception {
        VolumePersistenceAdapter first = (VolumePersistenceAdapter) newVolumeRepositoryPort();
        try (PostgresPersistence otherInstance = PostgresPersistence.start(
                DATABASE.settings().withAppRole(PostgresPersistence.APP_ROLE))) {
            VolumePersistenceAdapter second = new VolumePersistenceAdapter(otherInstance.jdbi());
            Volume one = first.insert(Volume.create(VolumeId.of("vol-race0001"), ContractFixtures.TENANT_A, "alice",
                    VolumeName.of("one"), ContractFixtures.NOW, Optional.empty()), CountLimit.unlimited());
            Volume two = second.insert(Volume.create(VolumeId.of("vol-race0002"), ContractFixtures.TENANT_A, "alice",
                    VolumeName.of("two"), ContractFixtures.NOW, Optional.empty()), CountLimit.unlimited());

            java.util.List<Boolean> outcomes = race(20, i -> {
                try {
                    (i % 2 == 0 ? first : second).reserve(ContractFixtures.TENANT_A, (i % 4 < 2 ? one : two).id(), 7, 1,
                            100, ContractFixtures.NOW, Optional.empty());
                    return true;
                } catch (ai.aegis.domain.error.LimitExceededException refused) {
                    return false;
                }
            });

            assertThat(outcomes.stream().filter(ok -> ok).count()).isEqualTo(14);
            assertThat(first.usage(ContractFixtures.TENANT_A).bytesUsed()).isEqualTo(98);
            assertThat(first.list(ContractFixtures.TENANT_A).stream().mapToLong(Volume::bytesUsed).sum()).isEqualTo(98);
        }
    }

    @Test
    void statementWithoutTenant_seesNoVolumes() {
        VolumePersistenceAdapter adapter = new VolumePersistenceAdapter(DATABASE.persistence().jdbi());
        adapter.insert(Volume.create(VolumeId.of("vol-rls00001"), ContractFixtures.TENANT_A, "alice",
                VolumeName.of("data"), ContractFixtures.NOW, Optional.empty()), CountLimit.unlimited());

        long visible = DATABASE.persistence().jdbi().withHandle(h ->
                h.createQuery("SELECT count(*) FROM volume").mapTo(Long.class).one());
        long usageRows = DATABASE.persistence().jdbi().withHandle(h ->
                h.createQuery("SELECT count(*) FROM volume_tenant_usage").mapTo(Long.class).one());
        long inOtherTenant = new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(ContractFixtures.TENANT_B,
                h -> h.createQuery("SELECT count(*) FROM volume").mapTo(Long.class).one());

        assertThat(visible).isZero();
        assertThat(usageRows).isZero();
        assertThat(inOtherTenant).isZero();
    }

    @Test
    void insertIntoAnotherTenant_refusedByRowLevelSecurity() {
        assertThatThrownBy(() -> new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(ContractFixtures.TENANT_B,
                h -> h.execute("INSERT INTO volume (volume_id, tenant_id, owner_subject, name, created_at, last_used_at, "
                        + "state) VALUES ('vol-rls00002', '" + ContractFixtures.TENANT_A.value()
                        + "', 'mallory', 'x', now(), now(), 'active')")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void directInsert_deletingWithoutClaimTime_refusedByTheSchema() {
        assertThatThrownBy(() -> new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(ContractFixtures.TENANT_A,
                h -> h.execute("INSERT INTO volume (volume_id, tenant_id, owner_subject, name, created_at, last_used_at, "
                        + "state) VALUES ('vol-rls00003', '" + ContractFixtures.TENANT_A.value()
                        + "', 'alice', 'x', now(), now(), 'deleting')")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
