package ai.aegis.application.port.in;

import ai.aegis.domain.iteration.IterationEvent;

/**
 * Records an iteration event and publishes its sentence. {@code ATTEMPT_STARTED} starts a Pending
 * execution and counts an iteration against the cap. End kinds and {@code CHILD_SPAWNED} are
 * emitted by the finish, cancel and spawn use cases and are refused here.
 */
public interface ReportIterationUseCase {

    IterationEvent report(ReportIterationCommand command);
}
