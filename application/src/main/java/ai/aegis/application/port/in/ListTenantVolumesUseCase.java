package ai.aegis.application.port.in;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.volume.Volume;
import java.util.List;

/**
 * Volume administration, reading: the volumes of any tenant. Operators only (every role may read);
 * audited in the operator's tenant and in the tenant looked at.
 */
public interface ListTenantVolumesUseCase {

    /** @throws AccessDeniedException {@code volume.operators_only} for anyone but an operator */
    List<Volume> list(ListTenantVolumesQuery query);
}
