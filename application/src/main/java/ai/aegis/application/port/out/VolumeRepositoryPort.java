package ai.aegis.application.port.out;

import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.volume.TenantVolumeUsage;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Volume metadata and usage accounting. Every method but {@link #claimExpired} is scoped to one
 * tenant: another tenant's volume reads as absent. The tenant's totals ({@link #usage}) always
 * equal the sum over its volumes, and every change to them is atomic against concurrent callers on
 * any instance: {@link #insert} and {@link #reserve} check the limit and count in one step, so no
 * number of racing callers can together pass a limit, and a refused call changes nothing.
 */
public interface VolumeRepositoryPort {

    /**
     * Stores a new volume if the tenant holds fewer volumes than {@code volumeLimit} allows.
     *
     * @throws AlreadyExistsException {@code volume.name_taken} when the tenant already has a volume of that name
     * @throws LimitExceededException {@code volume.count_exceeded} when the count limit is reached
     */
    Volume insert(Volume volume, CountLimit volumeLimit);

    Optional<Volume> find(TenantId tenantId, VolumeName name);

    Optional<Volume> findById(TenantId tenantId, VolumeId id);

    /** The tenant's volumes (active and being deleted), by name. */
    List<Volume> list(TenantId tenantId);

    /** The tenant's totals; {@link TenantVolumeUsage#NONE} for a tenant that never had a volume. */
    TenantVolumeUsage usage(TenantId tenantId);

    /**
     * Accounts {@code bytes} and {@code files} more to an active volume if the tenant's total stays
     * within {@code bytesLimit}, records the use ({@code usedAt}, {@code expiresAt}) and answers the
     * volume after the change. Negative amounts (an overwrite with a smaller file, undoing a failed
     * write) are never refused and never take a figure below zero.
     *
     * @throws LimitExceededException {@code volume.bytes_exceeded} naming usage and limit; nothing changed
     * @throws NotFoundException {@code volume.not_found} when no active volume has that id in the tenant
     */
    Volume reserve(TenantId tenantId, VolumeId id, long bytes, long files, long bytesLimit, Instant usedAt,
                   Optional<Instant> expiresAt);

    /**
     * Gives back {@code bytes} (0 or more) and {@code files} (0 or more) a volume accounted, never below
     * zero (what the service did not write, it never accounted). Answers the volume after the change,
     * or empty when it no longer exists.
     */
    Optional<Volume> release(TenantId tenantId, VolumeId id, long bytes, long files);

    /**
     * Sets what a volume holds to a fresh count of its files ({@code bytes}, {@code files}, both 0 or
     * more) and moves the tenant's totals by the difference, without a limit check: the files are
     * already there. Answers the volume after the change, or empty when there is no such active volume.
     */
    Optional<Volume> recount(TenantId tenantId, VolumeId id, long bytes, long files);

    /** Records a use of an active volume and its new expiry; empty when there is no such active volume. */
    Optional<Volume> touch(TenantId tenantId, VolumeId id, Instant usedAt, Optional<Instant> expiresAt);

    /**
     * Marks an active volume {@code DELETING} for the caller (at most one caller wins); empty when it
     * does not exist or another remover holds it.
     */
    Optional<Volume> claimForDeletion(TenantId tenantId, VolumeId id, Instant now);

    /**
     * Across tenants, for the TTL job: claims (marks {@code DELETING}) at most {@code limit} active
     * volumes whose expiry is at or before {@code now}, plus volumes whose removal was claimed before
     * {@code abandonedClaimsBefore} and never finished (a remover died). Concurrent callers never
     * receive the same volume in overlapping calls.
     */
    List<Volume> claimExpired(Instant now, Instant abandonedClaimsBefore, int limit);

    /** Removes a claimed volume's row and its usage from the tenant's totals; false when it was already gone. */
    boolean delete(TenantId tenantId, VolumeId id);
}
