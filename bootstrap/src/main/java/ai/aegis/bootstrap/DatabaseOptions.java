package ai.aegis.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options every command that opens the database shares: the data directory of the embedded
 * PostgreSQL, or an external one named by {@code AEGIS_DATABASE_URL} (plus user and password).
 */
final class DatabaseOptions {

    @Option(names = "--data-dir", defaultValue = "${AEGIS_DATA_DIR:-.aegis}",
            description = "Local state of the embedded database (env AEGIS_DATA_DIR, default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of AEGIS_* settings (env AEGIS_CONFIG_FILE); the environment wins over it.")
    private Path configFile;

    /** Starts the embedded database, or names the external one; the caller closes it. */
    Database open() {
        Map<String, String> env = AegisMain.settingsOf(command);
        String url = env.get("AEGIS_DATABASE_URL");
        return Database.forEnvironment(DataDirectory.prepare(dataDirectory), url == null || url.isBlank() ? null : url,
                env.get("AEGIS_DATABASE_USER"), env.get("AEGIS_DATABASE_PASSWORD"), env.get("AEGIS_DATABASE_APP_ROLE"));
    }
}
