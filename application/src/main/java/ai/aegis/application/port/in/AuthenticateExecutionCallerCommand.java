package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import java.util.Objects;

/**
 * A call about {@code target} that presents {@code compactToken}, the SEAL token of the execution
 * the caller runs. The token is a bearer credential: never logged.
 */
public record AuthenticateExecutionCallerCommand(String compactToken, ExecutionId target) {

    public AuthenticateExecutionCallerCommand {
        Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
        return "AuthenticateExecutionCallerCommand[target=" + target + "]";
    }
}
