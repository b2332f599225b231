package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;

/**
 * Every status change and iteration sentence of an execution tree, from this instance and (where
 * the deployment relays them) from every other instance, as they happen. Who may watch is who may
 * read the execution: its owner, or an operator of any role (audited).
 */
public interface WatchExecutionEventsUseCase {

    /** @throws NotFoundException {@code execution.not_found} when the caller may not see the execution */
    ExecutionWatch watch(WatchExecutionEventsQuery query);
}
