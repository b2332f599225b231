package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.volume.VolumeName;
import java.util.Objects;

/** Who lists the files of which of their tenant's volumes. */
public record ListVolumeFilesQuery(Identity identity, VolumeName volume) {

    public ListVolumeFilesQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(volume, "volume");
    }
}
