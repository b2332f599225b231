package ai.aegis.application.port.out;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumePath;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of volumes: one directory per volume, per tenant. Every operation stays inside the
 * volume named (a {@link VolumePath} is already relative and normalised; an adapter also refuses to
 * follow links, so nothing planted inside a volume leads out of it). Writes are atomic: a reader sees
 * the old file or the whole new one, and a failed write leaves the old file as it was and no
 * partial file behind. Failures of the medium surface as {@link UnavailableException}
 * {@code volume.storage_unavailable}.
 */
public interface VolumeStoragePort {

    /** Creates the volume's empty directory (nothing happens when it exists). */
    void createVolume(TenantId tenantId, VolumeId id);

    /**
     * Replaces or creates the file atomically, creating the folders on its path.
     *
     * @throws ai.aegis.domain.error.PreconditionFailedException {@code volume.path_conflict} when a
     *     folder on the path is a file, the path is a folder, or a link stands where a folder must be;
     *     {@code volume.path_reserved} when the adapter keeps that name for its own temporary files
     */
    void writeFile(TenantId tenantId, VolumeId id, VolumePath path, byte[] content);

    /** The size of the regular file at {@code path}; empty when there is none (links do not count). */
    Optional<Long> fileSize(TenantId tenantId, VolumeId id, VolumePath path);

    /** @throws NotFoundException {@code volume.file_not_found} when no regular file is there */
    byte[] readFile(TenantId tenantId, VolumeId id, VolumePath path);

    /** Every regular file of the volume, by path; links are neither listed nor followed. */
    List<VolumeFile> listFiles(TenantId tenantId, VolumeId id);

    /** Removes the volume's directory and everything in it (links removed, never followed); idempotent. */
    void deleteVolume(TenantId tenantId, VolumeId id);

    /** The absolute directory a sandbox binds as {@code /workspace}. */
    Path directory(TenantId tenantId, VolumeId id);
}
