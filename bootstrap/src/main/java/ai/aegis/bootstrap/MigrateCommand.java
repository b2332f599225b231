package ai.aegis.bootstrap;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    private DatabaseOptions database;

    @Override
    public Integer call() {
        try (Database opened = database.open()) {
            int applied = Migrations.migrateOnly(opened);
            spec.commandLine().getOut().printf("%s: %d migration(s) applied; schema is up to date%n",
                    opened.description(), applied);
        }
        return 0;
    }
}
