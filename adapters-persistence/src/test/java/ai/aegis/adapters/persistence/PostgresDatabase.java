package ai.aegis.adapters.persistence;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database on the shared embedded PostgreSQL for one test class, migrated and opened
 * before its tests and closed after them: {@code @RegisterExtension static final PostgresDatabase
 * DATABASE = new PostgresDatabase();}.
 */
final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

    private final String appRole;
    private JdbcSettings settings;
    private PostgresPersistence persistence;

    /** Sessions as the configured superuser (row-level security bypassed, raw SQL allowed). */
    PostgresDatabase() {
        this(null);
    }

    private PostgresDatabase(String appRole) {
        this.appRole = appRole;
    }

    /** Sessions as the service's own role, so row-level security and grants apply as in production. */
    static PostgresDatabase asServiceRole() {
        return new PostgresDatabase(PostgresPersistence.APP_ROLE);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        settings = EmbeddedPostgresSupport.freshDatabase();
        persistence = PostgresPersistence.start(appRole == null ? settings : settings.withAppRole(appRole));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        persistence.close();
    }

    /** The migrated database, as the service would use it. */
    PostgresPersistence persistence() {
        return persistence;
    }

    /** How to reach the database as its owner (without the app role), e.g. for a second "instance". */
    JdbcSettings settings() {
        return settings;
    }

    /** The tables' owner, for test set-up and tampering the service role may not do. */
    Jdbi owner() {
        return Jdbi.create(settings.url(), settings.user(), "");
    }
}
