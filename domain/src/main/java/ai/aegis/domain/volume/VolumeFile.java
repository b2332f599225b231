package ai.aegis.domain.volume;

import java.util.Objects;

/** One regular file in a volume: its path relative to the volume root and its size in bytes. */
public record VolumeFile(VolumePath path, long sizeBytes) {

    public VolumeFile {
        Objects.requireNonNull(path, "path");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("a file size cannot be negative");
        }
    }
}
