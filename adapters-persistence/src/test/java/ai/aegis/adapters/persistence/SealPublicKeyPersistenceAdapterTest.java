package ai.aegis.adapters.persistence;

import ai.aegis.application.contract.SealPublicKeyDirectoryPortContract;
import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The directory contract against PostgreSQL, with the service's own role under row-level security. */
class SealPublicKeyPersistenceAdapterTest extends SealPublicKeyDirectoryPortContract {

    private static JdbcSettings database;
    private static PostgresPersistence persistence;

    @BeforeAll
    static void start() {
        database = EmbeddedPostgresSupport.freshDatabase();
        persistence = PostgresPersistence.start(database.withAppRole(PostgresPersistence.APP_ROLE));
    }

    @AfterAll
    static void stop() {
        persistence.close();
    }

    @Override
    protected SealPublicKeyDirectoryPort newDirectory() {
        org.jdbi.v3.core.Jdbi.create(database.url(), "postgres", "").useHandle(h -> h.execute("TRUNCATE seal_public_key"));
        return new SealPublicKeyPersistenceAdapter(persistence.jdbi());
    }
}
