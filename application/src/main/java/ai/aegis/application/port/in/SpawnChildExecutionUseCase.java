package ai.aegis.application.port.in;

import ai.aegis.domain.execution.Execution;

/**
 * Spawns a child execution under the subordination, depth and ceiling rules and the swarm-wide
 * concurrency limit. A broader request is refused ({@code ceiling.<dimension>}), never narrowed;
 * every refusal is audited.
 */
public interface SpawnChildExecutionUseCase {

    Execution spawn(SpawnChildExecutionCommand command);
}
