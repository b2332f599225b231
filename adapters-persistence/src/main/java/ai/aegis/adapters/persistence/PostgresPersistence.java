package ai.aegis.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's PostgreSQL: a HikariCP pool, the schema brought up to date by Flyway before any
 * adapter uses it, and a Jdbi handle over the pool. All timestamps are UTC: every connection sets
 * {@code TimeZone=UTC}.
 */
public final class PostgresPersistence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresPersistence.class);
    private static final String MIGRATIONS = "classpath:db/migration";

    private final HikariDataSource pool;
    private final Jdbi jdbi;

    private PostgresPersistence(HikariDataSource pool) {
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
    }

    /** The role the service's statements run as, so that row-level security applies to them. */
    public static final String APP_ROLE = "aegis_app";

    /**
     * Migrates the schema (as the configured user, which owns it), then opens the service's pool.
     * When the configured user is a superuser (the embedded database), the pool's sessions switch
     * to {@value #APP_ROLE}: superusers bypass row-level security, the application must not.
     */
    public static PostgresPersistence start(JdbcSettings settings) {
        boolean switchRole;
        try (HikariDataSource migrations = new HikariDataSource(poolConfig(settings, false, "aegis-migrate"))) {
            migrate(migrations);
            switchRole = Jdbi.create(migrations).withHandle(handle -> handle.createQuery("""
                            SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                               AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)""")
                    .bind("role", APP_ROLE).mapTo(Boolean.class).one());
        }
        return new PostgresPersistence(new HikariDataSource(poolConfig(settings, switchRole, "aegis-db")));
    }

    /** Brings the schema of the database named by {@code settings} up to date, then closes. */
    public static int migrateOnly(JdbcSettings settings) {
        try (HikariDataSource pool = new HikariDataSource(poolConfig(settings, false, "aegis-migrate"))) {
            return migrate(pool);
        }
    }

    private static int migrate(javax.sql.DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .failOnMissingLocations(true)
                .load()
                .migrate();
        LOG.info("database schema at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion == null ? "baseline" : result.targetSchemaVersion,
                result.migrationsExecuted);
        return result.migrationsExecuted;
    }

    private static HikariConfig poolConfig(JdbcSettings settings, boolean switchToAppRole, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName(name);
        // Fail fast when the database is down: callers get "storage unavailable", not a hang.
        config.setConnectionTimeout(3_000);
        // The driver sends the JVM's zone at connect; this wins over it whatever the host's zone is.
        config.setConnectionInitSql(switchToAppRole ? "SET TIME ZONE 'UTC'; SET ROLE " + APP_ROLE : "SET TIME ZONE 'UTC'");
        config.addDataSourceProperty("ApplicationName", "aegis");
        return config;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** True when a pooled connection answers within two seconds. */
    public boolean isReady() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
