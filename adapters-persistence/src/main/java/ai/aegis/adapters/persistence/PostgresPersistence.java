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

    /** The non-superuser role the migrations create for the service's sessions. */
    public static final String APP_ROLE = "aegis_app";

    /**
     * Migrates the schema (as the configured user, which owns it), then opens the service's pool,
     * whose sessions switch to {@link JdbcSettings#appRole()} when one is set: superusers bypass
     * row-level security, the service must not.
     *
     * @throws IllegalStateException when the app role is set but does not exist
     */
    public static PostgresPersistence start(JdbcSettings settings) {
        return start(settings, null);
    }

    /**
     * As {@link #start(JdbcSettings)}, with the pool reporting its metrics ({@code hikaricp_*}) into
     * {@code meterRegistry}, a Micrometer {@code MeterRegistry}; HikariCP takes it untyped, so this
     * module does not depend on Micrometer.
     */
    public static PostgresPersistence start(JdbcSettings settings, Object meterRegistry) {
        try (HikariDataSource migrations = new HikariDataSource(poolConfig(settings, null, "aegis-migrate"))) {
            migrate(migrations);
            if (settings.appRole() != null) {
                boolean exists = Jdbi.create(migrations).withHandle(handle -> handle.createQuery(
                                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :role)")
                        .bind("role", settings.appRole()).mapTo(Boolean.class).one());
                if (!exists) {
                    throw new IllegalStateException("database role " + settings.appRole()
                            + " does not exist; create it (NOLOGIN, granted to the configured user) or configure none");
                }
            }
        }
        HikariConfig service = poolConfig(settings, settings.appRole(), "aegis-db");
        if (meterRegistry != null) {
            service.setMetricRegistry(meterRegistry);
        }
        return new PostgresPersistence(new HikariDataSource(service));
    }

    /** Brings the schema of the database named by {@code settings} up to date, then closes. */
    public static int migrateOnly(JdbcSettings settings) {
        try (HikariDataSource pool = new HikariDataSource(poolConfig(settings, null, "aegis-migrate"))) {
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

    private static HikariConfig poolConfig(JdbcSettings settings, String appRole, String name) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setPoolName(name);
        // Fail fast when the database is down: callers get "storage unavailable", not a hang.
        config.setConnectionTimeout(3_000);
        // The driver sends the JVM's zone at connect; this wins over it whatever the host's zone is.
        config.setConnectionInitSql(appRole == null ? "SET TIME ZONE 'UTC'" : "SET TIME ZONE 'UTC'; SET ROLE " + appRole);
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
