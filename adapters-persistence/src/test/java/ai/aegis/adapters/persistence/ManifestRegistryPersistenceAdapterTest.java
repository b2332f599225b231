package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.ManifestRegistryPortContract;
import ai.aegis.application.port.out.ManifestRegistryPort;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The registry contract against PostgreSQL, as the service's own non-superuser role (RLS and grants apply). */
class ManifestRegistryPersistenceAdapterTest extends ManifestRegistryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected ManifestRegistryPort newManifestRegistryPort() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE registry_manifest"));
        return new ManifestRegistryPersistenceAdapter(DATABASE.persistence().jdbi());
    }
}
