package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/**
 * Which volume of which tenant an execution is about to use. The tenant comes from verified data
 * (the execution record the node acts for), never from the request.
 */
public record TouchVolumeCommand(TenantId tenantId, VolumeName name) {

    public TouchVolumeCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
    }
}
