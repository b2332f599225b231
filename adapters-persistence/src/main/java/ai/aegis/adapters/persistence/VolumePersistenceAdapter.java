package ai.aegis.adapters.persistence;

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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Volume metadata in PostgreSQL ({@code volume}, {@code volume_tenant_usage}). Every tenant-scoped
 * statement runs in {@link TenantTransactions#inTenant} and names the tenant in its {@code WHERE}
 * clause; only the TTL job's {@link #claimExpired} crosses tenants, in a declared bypass.
 *
 * <p>Quotas are conditional updates of the tenant's one usage row ({@code … WHERE bytes_used +
 * :bytes <= :limit}), in the same transaction as the change to the volume row, so concurrent
 * writers on every instance queue on that row lock and the tenant's totals always equal the sum of
 * its volumes. Locks are taken volume row first, then usage row (creation takes only the usage row
 * before inserting), so two transactions never wait on each other in a circle. The TTL job claims
 * rows with {@code FOR UPDATE SKIP LOCKED}: concurrent sweepers split the work and never share a
 * volume.
 */
public final class VolumePersistenceAdapter implements VolumeRepositoryPort {

    private static final String COLUMNS = "volume_id, tenant_id, owner_subject, name, created_at, last_used_at, "
            + "expires_at, bytes_used, file_count, state";

    private final TenantTransactions transactions;

    public VolumePersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public Volume insert(Volume volume, CountLimit volumeLimit) {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(volumeLimit, "volumeLimit");
        TenantId tenant = volume.tenantId();
        return transactions.inTenant(tenant, handle -> {
            ensureUsageRow(handle, tenant);
            long max = volumeLimit.isUnlimited() ? Long.MAX_VALUE : volumeLimit.max().getAsLong();
            Optional<Long> counted = handle.createQuery("UPDATE volume_tenant_usage SET volume_count = volume_count + 1 "
                            + "WHERE tenant_id = :tenant AND volume_count < :max RETURNING volume_count")
                    .bind("tenant", tenant.value())
                    .bind("max", max)
                    .mapTo(Long.class)
                    .findOne();
            if (counted.isEmpty()) {
                throw VolumeQuota.countExceeded(usage(handle, tenant).volumeCount(), volumeLimit);
            }
            try {
                handle.createUpdate("INSERT INTO volume (" + COLUMNS + ") VALUES (:id, :tenant, :owner, :name, "
                                + ":createdAt, :lastUsedAt, :expiresAt, :bytes, :files, :state)")
                        .bind("id", volume.id().value())
                        .bind("tenant", tenant.value())
                        .bind("owner", volume.ownerSubject())
                        .bind("name", volume.name().value())
                        .bind("createdAt", timestamp(volume.createdAt()))
                        .bind("lastUsedAt", timestamp(volume.lastUsedAt()))
                        .bind("expiresAt", volume.expiresAt().map(VolumePersistenceAdapter::timestamp).orElse(null))
                        .bind("bytes", volume.bytesUsed())
                        .bind("files", volume.fileCount())
                        .bind("state", volume.state().slug())
                        .execute();
            } catch (JdbiException e) {
                if (SqlStates.is(e, "23505")) {
                    throw new AlreadyExistsException("volume.name_taken", "you already have a volume named "
                            + volume.name() + "; choose another name or delete that volume first");
                }
                throw e;
            }
            return volume;
        });
    }

    @Override
    public Optional<Volume> find(TenantId tenantId, VolumeName name) {
        Objects.requireNonNull(name, "name");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM volume WHERE tenant_id = :tenant AND name = :name")
                .bind("tenant", tenantId.value())
                .bind("name", name.value())
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public Optional<Volume> findById(TenantId tenantId, VolumeId id) {
        return transactions.inTenant(tenantId, handle -> lockedOrPlain(handle, tenantId, id, false));
    }

    @Override
    public List<Volume> list(TenantId tenantId) {
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "SELECT " + COLUMNS + " FROM volume WHERE tenant_id = :tenant ORDER BY name COLLATE \"C\"")
                .bind("tenant", tenantId.value())
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public TenantVolumeUsage usage(TenantId tenantId) {
        return transactions.inTenant(tenantId, handle -> usage(handle, tenantId));
    }

    @Override
    public Volume reserve(TenantId tenantId, VolumeId id, long bytes, long files, long bytesLimit, Instant usedAt,
                          Optional<Instant> expiresAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return transactions.inTenant(tenantId, handle -> {
            Volume volume = lockedOrPlain(handle, tenantId, id, true)
                    .filter(v -> v.state() == VolumeState.ACTIVE)
                    .orElseThrow(() -> new NotFoundException("volume.not_found", "no volume " + id + " was found"));
            long applied = Math.max(bytes, -volume.bytesUsed());
            ensureUsageRow(handle, tenantId);
            if (applied > 0) {
                Optional<Long> total = handle.createQuery("UPDATE volume_tenant_usage SET bytes_used = bytes_used + :bytes "
                                + "WHERE tenant_id = :tenant AND bytes_used <= :limit - :bytes RETURNING bytes_used")
                        .bind("tenant", tenantId.value())
                        .bind("bytes", applied)
                        .bind("limit", bytesLimit)
                        .mapTo(Long.class)
                        .findOne();
                if (total.isEmpty()) {
                    throw VolumeQuota.bytesExceeded(usage(handle, tenantId).bytesUsed(), applied, bytesLimit);
                }
            } else if (applied < 0) {
                addToUsage(handle, tenantId, 0, applied);
            }
            return handle.createQuery("UPDATE volume SET bytes_used = bytes_used + :bytes, "
                            + "file_count = GREATEST(file_count + :files, 0), "
                            + "last_used_at = GREATEST(last_used_at, :usedAt), expires_at = :expiresAt "
                            + "WHERE tenant_id = :tenant AND volume_id = :id RETURNING " + COLUMNS)
                    .bind("tenant", tenantId.value())
                    .bind("id", id.value())
                    .bind("bytes", applied)
                    .bind("files", files)
                    .bind("usedAt", timestamp(usedAt))
                    .bind("expiresAt", expiresAt.map(VolumePersistenceAdapter::timestamp).orElse(null))
                    .map((rs, ctx) -> read(rs))
                    .one();
        });
    }

    @Override
    public Optional<Volume> release(TenantId tenantId, VolumeId id, long bytes, long files) {
        if (bytes < 0 || files < 0) {
            throw new IllegalArgumentException("release gives back non-negative amounts");
        }
        return transactions.inTenant(tenantId, handle -> {
            Optional<Volume> volume = lockedOrPlain(handle, tenantId, id, true);
            if (volume.isEmpty()) {
                return Optional.<Volume>empty();
            }
            long applied = Math.min(bytes, volume.get().bytesUsed());
            addToUsage(handle, tenantId, 0, -applied);
            return handle.createQuery("UPDATE volume SET bytes_used = bytes_used - :bytes, "
                            + "file_count = GREATEST(file_count - :files, 0) "
                            + "WHERE tenant_id = :tenant AND volume_id = :id RETURNING " + COLUMNS)
                    .bind("tenant", tenantId.value())
                    .bind("id", id.value())
                    .bind("bytes", applied)
                    .bind("files", files)
                    .map((rs, ctx) -> read(rs))
                    .findOne();
        });
    }

    @Override
    public Optional<Volume> recount(TenantId tenantId, VolumeId id, long bytes, long files) {
        if (bytes < 0 || files < 0) {
            throw new IllegalArgumentException("a count cannot be negative");
        }
        return transactions.inTenant(tenantId, handle -> {
            Optional<Volume> volume = lockedOrPlain(handle, tenantId, id, true).filter(v -> v.state() == VolumeState.ACTIVE);
            if (volume.isEmpty()) {
                return Optional.<Volume>empty();
            }
            ensureUsageRow(handle, tenantId);
            addToUsage(handle, tenantId, 0, bytes - volume.get().bytesUsed());
            return handle.createQuery("UPDATE volume SET bytes_used = :bytes, file_count = :files "
                            + "WHERE tenant_id = :tenant AND volume_id = :id RETURNING " + COLUMNS)
                    .bind("tenant", tenantId.value())
                    .bind("id", id.value())
                    .bind("bytes", bytes)
                    .bind("files", files)
                    .map((rs, ctx) -> read(rs))
                    .findOne();
        });
    }

    @Override
    public Optional<Volume> touch(TenantId tenantId, VolumeId id, Instant usedAt, Optional<Instant> expiresAt) {
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "UPDATE volume SET last_used_at = GREATEST(last_used_at, :usedAt), expires_at = :expiresAt "
                                + "WHERE tenant_id = :tenant AND volume_id = :id AND state = 'active' RETURNING " + COLUMNS)
                .bind("tenant", tenantId.value())
                .bind("id", id.value())
                .bind("usedAt", timestamp(usedAt))
                .bind("expiresAt", expiresAt.map(VolumePersistenceAdapter::timestamp).orElse(null))
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public Optional<Volume> claimForDeletion(TenantId tenantId, VolumeId id, Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.inTenant(tenantId, handle -> handle.createQuery(
                        "UPDATE volume SET state = 'deleting', deleting_since = :now "
                                + "WHERE tenant_id = :tenant AND volume_id = :id AND state = 'active' RETURNING " + COLUMNS)
                .bind("tenant", tenantId.value())
                .bind("id", id.value())
                .bind("now", timestamp(now))
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<Volume> claimExpired(Instant now, Instant abandonedClaimsBefore, int limit) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(abandonedClaimsBefore, "abandonedClaimsBefore");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return transactions.acrossTenants("the volume TTL job claims expired volumes of every tenant", handle ->
                handle.createQuery("UPDATE volume SET state = 'deleting', deleting_since = :now WHERE volume_id IN ("
                                + "SELECT volume_id FROM volume WHERE (state = 'active' AND expires_at <= :now) "
                                + "OR (state = 'deleting' AND deleting_since < :abandoned) "
                                + "ORDER BY volume_id LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS)
                        .bind("now", timestamp(now))
                        .bind("abandoned", timestamp(abandonedClaimsBefore))
                        .bind("limit", limit)
                        .map((rs, ctx) -> read(rs))
                        .list());
    }

    @Override
    public boolean delete(TenantId tenantId, VolumeId id) {
        return transactions.inTenant(tenantId, handle -> {
            Optional<Volume> volume = lockedOrPlain(handle, tenantId, id, true);
            if (volume.isEmpty()) {
                return false;
            }
            addToUsage(handle, tenantId, -1, -volume.get().bytesUsed());
            handle.createUpdate("DELETE FROM volume WHERE tenant_id = :tenant AND volume_id = :id")
                    .bind("tenant", tenantId.value())
                    .bind("id", id.value())
                    .execute();
            return true;
        });
    }

    private static Optional<Volume> lockedOrPlain(Handle handle, TenantId tenant, VolumeId id, boolean forUpdate) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM volume WHERE tenant_id = :tenant AND volume_id = :id"
                        + (forUpdate ? " FOR UPDATE" : ""))
                .bind("tenant", tenant.value())
                .bind("id", id.value())
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static void ensureUsageRow(Handle handle, TenantId tenant) {
        handle.createUpdate("INSERT INTO volume_tenant_usage (tenant_id) VALUES (:tenant) ON CONFLICT (tenant_id) DO NOTHING")
                .bind("tenant", tenant.value())
                .execute();
    }

    private static void addToUsage(Handle handle, TenantId tenant, long volumes, long bytes) {
        handle.createUpdate("UPDATE volume_tenant_usage SET volume_count = GREATEST(volume_count + :volumes, 0), "
                        + "bytes_used = GREATEST(bytes_used + :bytes, 0) WHERE tenant_id = :tenant")
                .bind("tenant", tenant.value())
                .bind("volumes", volumes)
                .bind("bytes", bytes)
                .execute();
    }

    private static TenantVolumeUsage usage(Handle handle, TenantId tenant) {
        return handle.createQuery("SELECT volume_count, bytes_used FROM volume_tenant_usage WHERE tenant_id = :tenant")
                .bind("tenant", tenant.value())
                .map((rs, ctx) -> new TenantVolumeUsage(rs.getLong("volume_count"), rs.getLong("bytes_used")))
                .findOne()
                .orElse(TenantVolumeUsage.NONE);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Volume read(ResultSet rs) throws SQLException {
        return new Volume(
                VolumeId.of(rs.getString("volume_id")),
                TenantId.of(rs.getString("tenant_id")),
                rs.getString("owner_subject"),
                VolumeName.of(rs.getString("name")),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                Optional.ofNullable(instant(rs, "expires_at")),
                rs.getLong("bytes_used"),
                rs.getLong("file_count"),
                VolumeState.fromSlug(rs.getString("state")));
    }
}
