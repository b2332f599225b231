package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionOutput;
import java.util.Optional;

/**
 * What an execution's last run produced (its output, errors, exit code and files), for whoever may
 * read the execution itself: its owner, or an operator (audited as for reading the execution).
 */
public interface GetExecutionOutputUseCase {

    /**
     * @return the output, or empty while the execution runs or when its node reported none
     * @throws ai.aegis.domain.error.NotFoundException when the caller may not see the execution
     */
    Optional<ExecutionOutput> output(GetExecutionQuery query);
}
