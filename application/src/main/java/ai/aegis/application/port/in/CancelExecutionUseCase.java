package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;
import java.util.List;

/** Cascade cancellation: the execution and every non-terminal descendant. */
public interface CancelExecutionUseCase {

    /** Exactly the executions that were cancelled. */
    List<Execution> cancel(CancelExecutionCommand command);
}
