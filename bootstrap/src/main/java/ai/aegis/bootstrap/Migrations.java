package ai.aegis.bootstrap;

import ai.aegis.adapters.persistence.PostgresPersistence;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.ConnectionException;

/**
 * Opens the database for the service or for {@code aegis migrate}, turning the failures an
 * operator can fix (unreachable server, failed migration) into one line that names the database.
 */
final class Migrations {

    private Migrations() {
    }

    static PostgresPersistence open(Database database) {
        return open(database, null);
    }

    /** As {@link #open(Database)}, the pool reporting into {@code meterRegistry} (a Micrometer registry). */
    static PostgresPersistence open(Database database, Object meterRegistry) {
        try {
            return PostgresPersistence.start(database.settings(), meterRegistry);
        } catch (FlywayException | ConnectionException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            throw new StartupException("cannot open " + database.description() + ": " + rootMessage(e), e);
        }
    }

    static int migrateOnly(Database database) {
        try {
            return PostgresPersistence.migrateOnly(database.settings());
        } catch (FlywayException | com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            throw new StartupException("cannot migrate " + database.description() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
