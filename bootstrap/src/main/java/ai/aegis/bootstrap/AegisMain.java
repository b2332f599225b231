package ai.aegis.bootstrap;

import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The {@code aegis} command line: one entry point for running the service and for the operator
 * commands around it.
 */
@Command(name = "aegis",
        mixinStandardHelpOptions = true,
        versionProvider = AegisVersion.class,
        description = "AEGIS · Zaru integration: identity, policy, quotas and execution trees for zaru-client.",
        subcommands = {ServeCommand.class, TokenCommand.class, MigrateCommand.class, AuditCommand.class,
                CommandLine.HelpCommand.class})
public final class AegisMain {

    private final Map<String, String> settings;

    private AegisMain(Map<String, String> settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        Map<String, String> settings;
        try {
            settings = Configuration.load(System.getenv(), Configuration.fileOf(args, System.getenv()));
        } catch (StartupException e) {
            CommandLine plain = new CommandLine(new AegisMain(Map.of()));
            plain.getErr().println("aegis: " + e.getMessage());
            plain.getErr().flush();
            System.exit(2);
            return;
        }
        // Before the first logger exists: the logging configuration reads its format and level by name.
        Configuration.publish(settings);
        System.exit(commandLine(settings).execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(Configuration.load(System.getenv(), Optional.empty()));
    }

    static CommandLine commandLine(Map<String, String> settings) {
        return new CommandLine(new AegisMain(settings))
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrorHandler());
    }

    /** The settings (configuration file under environment) of the command {@code spec} belongs to. */
    static Map<String, String> settingsOf(CommandSpec spec) {
        Object root = spec.root().userObject();
        return root instanceof AegisMain main ? main.settings : System.getenv();
    }
}
