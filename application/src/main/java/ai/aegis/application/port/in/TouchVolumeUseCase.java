package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;

/**
 * Records a use of a volume (its TTL starts again from now, keeping the TTL it was given at its last
 * use by its owner) and answers the directory a sandbox binds as {@code /workspace}. The local node
 * calls this before each run.
 */
public interface TouchVolumeUseCase {

    /** @throws NotFoundException {@code volume.not_found} when the tenant has no active volume of that name */
    VolumeMount touch(TouchVolumeCommand command);
}
