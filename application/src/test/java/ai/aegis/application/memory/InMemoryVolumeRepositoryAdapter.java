package ai.aegis.application.memory;

import ai.aegis.application.port.out.VolumeRepositoryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.volume.TenantVolumeUsage;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumeQuota;
import ai.aegis.domain.volume.VolumeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Volume metadata in memory; one monitor makes every check-and-change atomic. */
public final class InMemoryVolumeRepositoryAdapter implements VolumeRepositoryPort {

    private final Map<VolumeId, Volume> volumes = new HashMap<>();
    private final Map<VolumeId, Instant> removalClaimedAt = new HashMap<>();

    @Override
    public synchronized Volume insert(Volume volume, CountLimit volumeLimit) {
        if (find(volume.tenantId(), volume.name()).isPresent()) {
            throw new AlreadyExistsException("volume.name_taken", "a volume named " + volume.name() + " exists");
        }
        long count = usage(volume.tenantId()).volumeCount();
        if (!volumeLimit.allowsOneMore(count)) {
            throw VolumeQuota.countExceeded(count, volumeLimit);
        }
        if (volumes.containsKey(volume.id())) {
            throw new AlreadyExistsException("volume.id_taken", "volume id " + volume.id() + " is taken");
        }
        volumes.put(volume.id(), volume);
        return volume;
    }

    @Override
    public synchronized Optional<Volume> find(TenantId tenantId, VolumeName name) {
        return volumes.values().stream()
                .filter(v -> v.tenantId().equals(tenantId) && v.name().equals(name))
                .findFirst();
    }

    @Override
    public synchronized Optional<Volume> findById(TenantId tenantId, VolumeId id) {
        return Optional.ofNullable(volumes.get(id)).filter(v -> v.tenantId().equals(tenantId));
    }

    @Override
    public synchronized List<Volume> list(TenantId tenantId) {
        return volumes.values().stream()
                .filter(v -> v.tenantId().equals(tenantId))
                .sorted(Comparator.comparing(v -> v.name().value()))
                .toList();
    }

    @Override
    public synchronized TenantVolumeUsage usage(TenantId tenantId) {
        long count = 0;
        long bytes = 0;
        for (Volume v : volumes.values()) {
            if (v.tenantId().equals(tenantId)) {
                count++;
                bytes += v.bytesUsed();
            }
        }
        return new TenantVolumeUsage(count, bytes);
    }

    @Override
    public synchronized Volume reserve(TenantId tenantId, VolumeId id, long bytes, long files, long bytesLimit,
                                       Instant usedAt, Optional<Instant> expiresAt) {
        Volume volume = findById(tenantId, id).filter(v -> v.state() == VolumeState.ACTIVE)
                .orElseThrow(() -> new NotFoundException("volume.not_found", "no volume " + id + " was found"));
        long applied = Math.max(bytes, -volume.bytesUsed());
        long used = usage(tenantId).bytesUsed();
        if (applied > 0 && used + applied > bytesLimit) {
            throw VolumeQuota.bytesExceeded(used, applied, bytesLimit);
        }
        Volume after = new Volume(volume.id(), tenantId, volume.ownerSubject(), volume.name(), volume.createdAt(),
                later(volume.lastUsedAt(), usedAt), expiresAt, volume.bytesUsed() + applied,
                Math.max(0, volume.fileCount() + files), VolumeState.ACTIVE);
        volumes.put(id, after);
        return after;
    }

    @Override
    public synchronized Optional<Volume> release(TenantId tenantId, VolumeId id, long bytes, long files) {
        if (bytes < 0 || files < 0) {
            throw new IllegalArgumentException("release gives back non-negative amounts");
        }
        return findById(tenantId, id).map(volume -> {
            Volume after = new Volume(volume.id(), tenantId, volume.ownerSubject(), volume.name(), volume.createdAt(),
                    volume.lastUsedAt(), volume.expiresAt(), Math.max(0, volume.bytesUsed() - bytes),
                    Math.max(0, volume.fileCount() - files), volume.state());
            volumes.put(id, after);
            return after;
        });
    }

    @Override
    public synchronized Optional<Volume> recount(TenantId tenantId, VolumeId id, long bytes, long files) {
        if (bytes < 0 || files < 0) {
            throw new IllegalArgumentException("a count cannot be negative");
        }
        return findById(tenantId, id).filter(v -> v.state() == VolumeState.ACTIVE).map(volume -> {
            Volume after = new Volume(volume.id(), tenantId, volume.ownerSubject(), volume.name(), volume.createdAt(),
                    volume.lastUsedAt(), volume.expiresAt(), bytes, files, VolumeState.ACTIVE);
            volumes.put(id, after);
            return after;
        });
    }

    @Override
    public synchronized Optional<Volume> touch(TenantId tenantId, VolumeId id, Instant usedAt,
                                               Optional<Instant> expiresAt) {
        return findById(tenantId, id).filter(v -> v.state() == VolumeState.ACTIVE).map(volume -> {
            Volume after = new Volume(volume.id(), tenantId, volume.ownerSubject(), volume.name(), volume.createdAt(),
                    later(volume.lastUsedAt(), usedAt), expiresAt, volume.bytesUsed(), volume.fileCount(),
                    VolumeState.ACTIVE);
            volumes.put(id, after);
            return after;
        });
    }

    @Override
    public synchronized Optional<Volume> claimForDeletion(TenantId tenantId, VolumeId id, Instant now) {
        return findById(tenantId, id).filter(v -> v.state() == VolumeState.ACTIVE).map(volume -> claim(volume, now));
    }

    @Override
    public synchronized List<Volume> claimExpired(Instant now, Instant abandonedClaimsBefore, int limit) {
        List<Volume> candidates = volumes.values().stream()
                .filter(v -> v.isExpiredAt(now) || (v.state() == VolumeState.DELETING
                        && removalClaimedAt.get(v.id()).isBefore(abandonedClaimsBefore)))
                .sorted(Comparator.comparing(v -> v.id().value()))
                .limit(limit)
                .toList();
        List<Volume> claimed = new ArrayList<>();
        for (Volume volume : candidates) {
            claimed.add(claim(volume, now));
        }
        return claimed;
    }

    private Volume claim(Volume volume, Instant now) {
        Volume after = new Volume(volume.id(), volume.tenantId(), volume.ownerSubject(), volume.name(),
                volume.createdAt(), volume.lastUsedAt(), volume.expiresAt(), volume.bytesUsed(), volume.fileCount(),
                VolumeState.DELETING);
        volumes.put(volume.id(), after);
        removalClaimedAt.put(volume.id(), now);
        return after;
    }

    @Override
    public synchronized boolean delete(TenantId tenantId, VolumeId id) {
        if (findById(tenantId, id).isEmpty()) {
            return false;
        }
        volumes.remove(id);
        removalClaimedAt.remove(id);
        return true;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
