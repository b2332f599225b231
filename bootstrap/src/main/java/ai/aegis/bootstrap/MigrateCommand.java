package ai.aegis.bootstrap;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aegis migrate}: brings the database schema up to date and exits, for deployments that
 * migrate before rolling out new instances. {@code aegis serve} migrates on start as well.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Bring the database schema up to date (embedded database in --data-dir, or AEGIS_DATABASE_URL).")
final class MigrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:AEGIS_DATA_DIR:-.aegis}",
            description = "Local state of the embedded database (env AEGIS_DATA_DIR, default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Override
    public Integer call() {
        String url = System.getenv("AEGIS_DATABASE_URL");
        DataDirectory local = DataDirectory.prepare(dataDirectory);
        try (Database database = Database.forEnvironment(local, url == null || url.isBlank() ? null : url,
                System.getenv("AEGIS_DATABASE_USER"), System.getenv("AEGIS_DATABASE_PASSWORD"))) {
            int applied = Migrations.migrateOnly(database);
            spec.commandLine().getOut().printf("%s: %d migration(s) applied; schema is up to date%n",
                    database.description(), applied);
        }
        return 0;
    }
}
