package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/** Which volume of which tenant an execution has just finished using (the tenant from verified data). */
public record ReconcileVolumeUsageCommand(TenantId tenantId, VolumeName name) {

    public ReconcileVolumeUsageCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
    }
}
