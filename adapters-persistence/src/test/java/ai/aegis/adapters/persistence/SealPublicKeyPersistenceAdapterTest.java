package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.SealPublicKeyDirectoryPortContract;
import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The directory contract against PostgreSQL, with the service's own role under row-level security. */
class SealPublicKeyPersistenceAdapterTest extends SealPublicKeyDirectoryPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    @Override
    protected SealPublicKeyDirectoryPort newDirectory() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE seal_public_key"));
        return new SealPublicKeyPersistenceAdapter(DATABASE.persistence().jdbi());
    }
}
