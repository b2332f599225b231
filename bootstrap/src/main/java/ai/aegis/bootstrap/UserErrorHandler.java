package ai.aegis.bootstrap;

import ai.aegis.domain.error.DomainException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a failure of a command into one clear line on stderr and a non-zero exit code, instead of
 * a stack trace: the operator needs to know which setting or input is wrong, not where it was
 * noticed. Unexpected failures keep their stack trace in the log.
 */
final class UserErrorHandler implements IExecutionExceptionHandler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UserErrorHandler.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        if (e instanceof StartupException || e instanceof DomainException) {
            commandLine.getErr().println("aegis: " + e.getMessage());
            return 2;
        }
        LOG.error("aegis {} failed", commandLine.getCommandName(), e);
        commandLine.getErr().println("aegis: " + commandLine.getCommandName() + " failed: " + e);
        return 1;
    }
}
