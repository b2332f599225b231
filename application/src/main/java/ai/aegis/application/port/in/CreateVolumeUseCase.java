package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.volume.Volume;

/** {@code aegis.volume.create}: a new empty volume in the caller's tenant, within the plan's volume count. Audited. */
public interface CreateVolumeUseCase {

    /**
     * @throws AlreadyExistsException {@code volume.name_taken}
     * @throws LimitExceededException {@code volume.count_exceeded} naming usage and limit
     * @throws AccessDeniedException {@code role.too_low} for a read-only operator
     */
    Volume create(CreateVolumeCommand command);
}
