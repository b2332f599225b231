package ai.aegis.domain.volume;

import ai.aegis.domain.identity.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's persistent storage, mounted as an execution's {@code /workspace}. Belongs to exactly
 * one tenant, was created by {@code ownerSubject}, and is named uniquely within the tenant.
 * {@code bytesUsed} and {@code fileCount} are what the service has accounted for (what it wrote);
 * {@code expiresAt} is when the TTL job may remove it if it is not used before then (empty: never),
 * moved forward by every use.
 */
public record Volume(
        VolumeId id,
        TenantId tenantId,
        String ownerSubject,
        VolumeName name,
        Instant createdAt,
        Instant lastUsedAt,
        Optional<Instant> expiresAt,
        long bytesUsed,
        long fileCount,
        VolumeState state) {

    public Volume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(state, "state");
        if (ownerSubject == null || ownerSubject.isEmpty()) {
            throw new IllegalArgumentException("a volume names the subject that created it");
        }
        if (bytesUsed < 0 || fileCount < 0) {
            throw new IllegalArgumentException("volume usage cannot be negative");
        }
        if (lastUsedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a volume cannot be used before it was created");
        }
    }

    /** A new, empty, active volume. {@code ttl} empty: it never expires. */
    public static Volume create(VolumeId id, TenantId tenantId, String ownerSubject, VolumeName name, Instant now,
                                Optional<Duration> ttl) {
        return new Volume(id, tenantId, ownerSubject, name, now, now, expiryAfter(now, ttl), 0, 0, VolumeState.ACTIVE);
    }

    /** When a volume used at {@code usedAt} expires under {@code ttl}. */
    public static Optional<Instant> expiryAfter(Instant usedAt, Optional<Duration> ttl) {
        Objects.requireNonNull(usedAt, "usedAt");
        return ttl.map(usedAt::plus);
    }

    /** How long this volume is kept unused, as set at its last use (empty: for ever). */
    public Optional<Duration> ttl() {
        return expiresAt.map(expiry -> Duration.between(lastUsedAt, expiry));
    }

    /** True when the TTL job may remove this volume at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return state == VolumeState.ACTIVE && expiresAt.isPresent() && !expiresAt.get().isAfter(now);
    }
}
