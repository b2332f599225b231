package ai.aegis.application.port.out;

import ai.aegis.domain.volume.VolumeId;

/** Fresh, never-reused, unguessable volume ids. */
public interface VolumeIdGeneratorPort {

    VolumeId newVolumeId();
}
