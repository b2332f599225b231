package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumePath;
import java.util.Objects;

/**
 * Who writes which file of which of their tenant's volumes, and its whole content. The array is
 * taken as it is (not copied): callers must not change it while the write runs.
 */
public record WriteVolumeFileCommand(Identity identity, VolumeName volume, VolumePath path, byte[] content) {

    public WriteVolumeFileCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "WriteVolumeFileCommand[volume=" + volume + ", path=" + path + ", bytes=" + content.length + "]";
    }
}
