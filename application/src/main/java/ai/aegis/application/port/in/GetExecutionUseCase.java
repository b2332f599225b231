package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;

/**
 * One execution as its owner (or an operator) sees it. A consumer sees only executions they own in
 * their own tenant; anything else reads as {@link NotFoundException} {@code execution.not_found},
 * never as "forbidden", so ids of other people's work reveal nothing.
 */
public interface GetExecutionUseCase {

    Execution get(GetExecutionQuery query);
}
