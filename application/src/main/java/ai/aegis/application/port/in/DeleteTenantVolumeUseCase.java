package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.volume.Volume;

/**
 * Volume administration, removing: deletes a volume of any tenant like its owner could. Needs the
 * operator role or higher; audited in the operator's tenant and in the volume's tenant.
 */
public interface DeleteTenantVolumeUseCase {

    /**
     * @throws AccessDeniedException {@code volume.operators_only} for a consumer, {@code role.too_low} for read-only operators
     * @throws NotFoundException {@code volume.not_found}
     */
    Volume delete(DeleteTenantVolumeCommand command);
}
