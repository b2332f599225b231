package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Who asks for their tenant's volume usage and the limits that apply to them. */
public record GetVolumeQuotaQuery(Identity identity) {

    public GetVolumeQuotaQuery {
        Objects.requireNonNull(identity, "identity");
    }
}
