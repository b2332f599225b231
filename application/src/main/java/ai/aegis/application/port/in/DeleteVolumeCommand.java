package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/** Who deletes which volume of their own tenant. */
public record DeleteVolumeCommand(Identity identity, VolumeName name) {

    public DeleteVolumeCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(name, "name");
    }
}
