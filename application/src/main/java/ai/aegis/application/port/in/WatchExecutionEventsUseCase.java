package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;

/**
 * Live events of an execution tree for the Transparent Iteration Panel (MCP progress), with the
 * visibility of {@link GetExecutionUseCase}.
 */
public interface WatchExecutionEventsUseCase {

    /** @throws NotFoundException {@code execution.not_found} for an execution the caller may not see */
    ExecutionWatch watch(WatchExecutionEventsQuery query);
}
