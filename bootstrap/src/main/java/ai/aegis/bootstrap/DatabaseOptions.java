package ai.aegis.bootstrap;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that opens the database shares: the data directory of the embedded
 * PostgreSQL, or an external one named by {@code AEGIS_DATABASE_URL} (plus user and password).
 */
final class DatabaseOptions {

    @Option(names = "--data-dir", defaultValue = "${env:AEGIS_DATA_DIR:-.aegis}",
            description = "Local state of the embedded database (env AEGIS_DATA_DIR, default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    /** Starts the embedded database, or names the external one; the caller closes it. */
    Database open() {
        String url = System.getenv("AEGIS_DATABASE_URL");
        return Database.forEnvironment(DataDirectory.prepare(dataDirectory), url == null || url.isBlank() ? null : url,
                System.getenv("AEGIS_DATABASE_USER"), System.getenv("AEGIS_DATABASE_PASSWORD"));
    }
}
