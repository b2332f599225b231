package ai.aegis.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL the service runs on: an embedded server whose files live in the data directory
 * (kept across restarts), or an external one named by URL. Callers see a {@link DataSource} and a
 * one-line description that never contains a password.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DataSource dataSource;
    private final String description;
    private final EmbeddedPostgres embedded;
    private final Path embeddedPidFile;

    private Database(DataSource dataSource, String description, EmbeddedPostgres embedded,
                     Path embeddedPidFile) {
        this.dataSource = dataSource;
        this.description = description;
        this.embedded = embedded;
        this.embeddedPidFile = embeddedPidFile;
    }

    static Database embedded(DataDirectory dataDirectory) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.postgres())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The server's own shutdown order closes PostgreSQL last; a second hook would race it.
                    .setRegisterShutdownHook(false)
                    // The embedded server keeps real data across restarts: keep PostgreSQL's durability on
                    // (the library's defaults are tuned for throwaway test databases).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDirectory.root().resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDirectory.root().resolve("postgres.log").toFile()))
                    .start();
            String description = "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort()
                    + " (data in " + dataDirectory.postgres() + ")";
            LOG.info("started {}", description);
            return new Database(postgres.getPostgresDatabase(), description, postgres,
                    dataDirectory.postgres().resolve("postmaster.pid"));
        } catch (IOException | RuntimeException e) {
            String hint = Files.exists(dataDirectory.postgres().resolve("postmaster.pid"))
                    ? "; another aegis serve may be using this --data-dir"
                    : "";
            throw new StartupException("cannot start the embedded PostgreSQL in " + dataDirectory.postgres()
                    + ": " + e.getMessage() + hint
                    + " (set AEGIS_DATABASE_URL to use an external PostgreSQL instead)", e);
        }
    }

    static Database external(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new StartupException("AEGIS_DATABASE_URL must be a jdbc:postgresql:// URL");
        }
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(jdbcUrl);
        if (user != null && !user.isEmpty()) {
            source.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            source.setPassword(password);
        }
        source.setConnectTimeout(10);
        Database database = new Database(source, "external PostgreSQL " + withoutQuery(jdbcUrl), null, null);
        if (!database.isReachable()) {
            throw new StartupException("cannot reach the PostgreSQL named by AEGIS_DATABASE_URL ("
                    + withoutQuery(jdbcUrl) + ")");
        }
        return database;
    }

    /** The URL up to its query string, which may carry a password. */
    private static String withoutQuery(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    DataSource dataSource() {
        return dataSource;
    }

    String description() {
        return description;
    }

    /** True when a connection can be opened and answers a trivial query within two seconds. */
    boolean isReachable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            LOG.warn("database check failed: {}", e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            // Ctrl-C reaches the whole process group, so PostgreSQL may already have shut itself down.
            if (!Files.exists(embeddedPidFile)) {
                LOG.info("embedded PostgreSQL already stopped");
                return;
            }
            try {
                embedded.close();
                LOG.info("stopped embedded PostgreSQL");
            } catch (IOException e) {
                LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }
    }
}
