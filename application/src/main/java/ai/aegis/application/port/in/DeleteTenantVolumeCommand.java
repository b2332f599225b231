package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/** An operator's removal of a volume of any tenant (volume administration). */
public record DeleteTenantVolumeCommand(Identity operator, TenantId tenantId, VolumeName name) {

    public DeleteTenantVolumeCommand {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
    }
}
