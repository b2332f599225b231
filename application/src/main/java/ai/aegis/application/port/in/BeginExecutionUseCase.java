package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;

/**
 * Starts a leased execution (its first attempt begins, so it becomes Running) and attests for it;
 * when it already runs, only issues a fresh SEAL token.
 */
public interface BeginExecutionUseCase {

    /** @throws AccessDeniedException {@code node.not_lease_holder} unless the node holds a live lease on it */
    BegunExecution begin(BeginExecutionCommand command);
}
