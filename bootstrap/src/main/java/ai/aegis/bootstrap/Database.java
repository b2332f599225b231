package ai.aegis.bootstrap;

import ai.aegis.adapters.persistence.JdbcSettings;
import ai.aegis.adapters.persistence.PostgresPersistence;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the service's PostgreSQL is: an embedded server whose files live in the data directory
 * (kept across restarts), or an external one named by {@code AEGIS_DATABASE_URL}. Hands out
 * {@link JdbcSettings} and a one-line description that never contains a password.
 */
final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final JdbcSettings settings;
    private final String description;
    private final EmbeddedPostgres embedded;
    private final Path embeddedPidFile;

    private Database(JdbcSettings settings, String description, EmbeddedPostgres embedded, Path embeddedPidFile) {
        this.settings = settings;
        this.description = description;
        this.embedded = embedded;
        this.embeddedPidFile = embeddedPidFile;
    }

    /** The embedded database for this data directory, or the external one when the environment names it. */
    static Database forEnvironment(DataDirectory dataDirectory, String url, String user, String password,
            String appRole) {
        return url == null ? embedded(dataDirectory) : external(url, user, password, appRole);
    }

    static Database embedded(DataDirectory dataDirectory) {
        Path log = dataDirectory.root().resolve("postgres.log");
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
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            String description = "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort()
                    + " (data in " + dataDirectory.postgres() + ")";
            LOG.info("started {}", description);
            // The embedded server's user is a superuser; the service's sessions run as the app role so
            // that row-level security applies to them.
            JdbcSettings settings = JdbcSettings.of(postgres.getJdbcUrl("postgres", "postgres"), "postgres", null)
                    .withAppRole(PostgresPersistence.APP_ROLE);
            return new Database(settings, description, postgres, dataDirectory.postgres().resolve("postmaster.pid"));
        } catch (IOException | RuntimeException e) {
            String hint = Files.exists(dataDirectory.postgres().resolve("postmaster.pid"))
                    ? "; another aegis serve may be using this --data-dir"
                    : "";
            throw new StartupException("cannot start the embedded PostgreSQL in " + dataDirectory.postgres()
                    + ": " + e.getMessage() + hint
                    + " (set AEGIS_DATABASE_URL to use an external PostgreSQL instead; its log is " + log + ")", e);
        }
    }

    static Database external(String jdbcUrl, String user, String password, String appRole) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new StartupException("AEGIS_DATABASE_URL must be a jdbc:postgresql:// URL");
        }
        JdbcSettings settings = JdbcSettings.of(jdbcUrl, user, password);
        if (appRole != null && !appRole.isBlank()) {
            settings = settings.withAppRole(appRole.trim());
        }
        return new Database(settings, "external PostgreSQL " + settings.safeUrl(), null, null);
    }

    JdbcSettings settings() {
        return settings;
    }

    String description() {
        return description;
    }

    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
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
