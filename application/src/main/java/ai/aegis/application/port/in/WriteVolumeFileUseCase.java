package ai.aegis.application.port.in;

import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.volume.Volume;

/**
 * Writes (creates or replaces) one file of a volume of the caller's tenant, atomically, within the
 * plan's file-size and total-bytes quotas. A refused or failed write leaves the volume exactly as it
 * was: no partial file, no changed usage. Audited; the use counts towards the volume's TTL.
 */
public interface WriteVolumeFileUseCase {

    /**
     * Answers the volume after the write.
     *
     * @throws LimitExceededException {@code volume.file_too_large} or {@code volume.bytes_exceeded}, naming usage and limit
     * @throws NotFoundException {@code volume.not_found}
     */
    Volume write(WriteVolumeFileCommand command);
}
