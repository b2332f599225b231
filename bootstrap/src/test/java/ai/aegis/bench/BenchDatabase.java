package ai.aegis.bench;

import ai.aegis.adapters.persistence.JdbcSettings;
import ai.aegis.adapters.persistence.PostgresPersistence;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/**
 * An embedded PostgreSQL for one benchmark trial, set up like {@code aegis serve}'s: durability on
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}), every migration applied,
 * and the service's sessions running as the app role, so row-level security and its policies are
 * paid for as in production. A small copy of the test support of {@code adapters-persistence},
 * whose test classes the benchmarks cannot see.
 */
final class BenchDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final PostgresPersistence persistence;
    private final Jdbi owner;
    private final JdbcSettings settings;

    private BenchDatabase(EmbeddedPostgres server, PostgresPersistence persistence, Jdbi owner, JdbcSettings settings) {
        this.server = server;
        this.persistence = persistence;
        this.owner = owner;
        this.settings = settings;
    }

    static BenchDatabase start() {
        EmbeddedPostgres server;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            String statementLog = System.getProperty("aegis.bench.statementLog");
            if (statementLog != null) {
                // Every statement and its duration, to see where a benchmark's time goes inside PostgreSQL.
                builder.setServerConfig("logging_collector", "on")
                        .setServerConfig("log_directory", statementLog)
                        .setServerConfig("log_min_duration_statement", "0");
            }
            server = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE aegis_bench");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the benchmark database", e);
        }
        String url = server.getJdbcUrl("postgres", "aegis_bench");
        JdbcSettings settings = JdbcSettings.of(url, "postgres", null).withAppRole(PostgresPersistence.APP_ROLE);
        PostgresPersistence persistence = PostgresPersistence.start(settings);
        return new BenchDatabase(server, persistence, Jdbi.create(url, "postgres", ""), settings);
    }

    /** The service's view: the app role, row-level security enforced. */
    Jdbi jdbi() {
        return persistence.jdbi();
    }

    /** Where the database is, for a second connection such as another instance's event listener. */
    JdbcSettings settings() {
        return settings;
    }

    /** The tables' owner, for bulk set-up and {@code ANALYZE}, which the app role may not do. */
    Jdbi owner() {
        return owner;
    }

    @Override
    public void close() {
        persistence.close();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
