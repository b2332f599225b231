package ai.aegis.application.port.in;

import ai.aegis.domain.volume.Volume;
import java.nio.file.Path;
import java.util.Objects;

/** A volume after it was touched, and the absolute directory that is mounted as {@code /workspace}. */
public record VolumeMount(Volume volume, Path directory) {

    public VolumeMount {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(directory, "directory");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("a mount directory is absolute");
        }
    }
}
