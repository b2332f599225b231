package ai.aegis.bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Command;

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

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new AegisMain())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrorHandler());
    }
}
