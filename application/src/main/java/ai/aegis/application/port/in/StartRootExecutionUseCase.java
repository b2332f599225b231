package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;

/**
 * Starts the root execution of a conversation under the agent-runtime context with the caller's
 * limits (deadline = now + timeout, memory, iterations). Refuses a second active root, Chat mode,
 * and going over the swarm-wide concurrency limit; every refusal is audited.
 */
public interface StartRootExecutionUseCase {

    Execution start(StartRootExecutionCommand command);
}
