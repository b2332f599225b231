package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/** Who creates a volume in their own tenant, and its name. */
public record CreateVolumeCommand(Identity identity, VolumeName name) {

    public CreateVolumeCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(name, "name");
    }
}
