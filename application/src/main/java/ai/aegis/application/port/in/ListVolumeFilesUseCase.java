package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.volume.VolumeFile;
import java.util.List;

/** The regular files of a volume of the caller's tenant, by path, with sizes (links are not listed). */
public interface ListVolumeFilesUseCase {

    /** @throws NotFoundException {@code volume.not_found} */
    List<VolumeFile> list(ListVolumeFilesQuery query);
}
