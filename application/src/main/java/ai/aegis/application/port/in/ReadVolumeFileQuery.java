package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumePath;
import java.util.Objects;

/** Who reads which file of which of their tenant's volumes. */
public record ReadVolumeFileQuery(Identity identity, VolumeName volume, VolumePath path) {

    public ReadVolumeFileQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
    }
}
