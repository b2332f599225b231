package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.volume.Volume;

/**
 * {@code aegis.volume.delete}: removes a volume of the caller's tenant, its files first, then its
 * row, giving its bytes and its place in the count back to the tenant. Audited.
 */
public interface DeleteVolumeUseCase {

    /**
     * Answers the volume as it was just before removal.
     *
     * @throws NotFoundException {@code volume.not_found} (also for another tenant's volume, or one already being removed)
     */
    Volume delete(DeleteVolumeCommand command);
}
