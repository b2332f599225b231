package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;

/** The whole content of one regular file of a volume of the caller's tenant. */
public interface ReadVolumeFileUseCase {

    /** @throws NotFoundException {@code volume.not_found} or {@code volume.file_not_found} */
    byte[] read(ReadVolumeFileQuery query);
}
