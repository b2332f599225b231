package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Who lists the volumes of their own tenant. */
public record ListVolumesQuery(Identity identity) {

    public ListVolumesQuery {
        Objects.requireNonNull(identity, "identity");
    }
}
