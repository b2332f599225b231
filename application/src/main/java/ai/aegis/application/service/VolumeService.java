package ai.aegis.application.service;

import ai.aegis.application.port.in.CreateVolumeCommand;
import ai.aegis.application.port.in.CreateVolumeUseCase;
import ai.aegis.application.port.in.DeleteTenantVolumeCommand;
import ai.aegis.application.port.in.DeleteTenantVolumeUseCase;
import ai.aegis.application.port.in.DeleteVolumeCommand;
import ai.aegis.application.port.in.DeleteVolumeUseCase;
import ai.aegis.application.port.in.ExpireVolumesCommand;
import ai.aegis.application.port.in.ExpireVolumesUseCase;
import ai.aegis.application.port.in.GetVolumeQuotaQuery;
import ai.aegis.application.port.in.GetVolumeQuotaUseCase;
import ai.aegis.application.port.in.ListTenantVolumesQuery;
import ai.aegis.application.port.in.ListTenantVolumesUseCase;
import ai.aegis.application.port.in.ListVolumeFilesQuery;
import ai.aegis.application.port.in.ListVolumeFilesUseCase;
import ai.aegis.application.port.in.ListVolumesQuery;
import ai.aegis.application.port.in.ListVolumesUseCase;
import ai.aegis.application.port.in.ReadVolumeFileQuery;
import ai.aegis.application.port.in.ReadVolumeFileUseCase;
import ai.aegis.application.port.in.ReconcileVolumeUsageCommand;
import ai.aegis.application.port.in.ReconcileVolumeUsageUseCase;
import ai.aegis.application.port.in.TouchVolumeCommand;
import ai.aegis.application.port.in.TouchVolumeUseCase;
import ai.aegis.application.port.in.VolumeMount;
import ai.aegis.application.port.in.WriteVolumeFileCommand;
import ai.aegis.application.port.in.WriteVolumeFileUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.VolumeIdGeneratorPort;
import ai.aegis.application.port.out.VolumeRepositoryPort;
import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumeQuota;
import ai.aegis.domain.volume.VolumeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Tenant volumes: metadata and accounting through {@link VolumeRepositoryPort}, bytes through
 * {@link VolumeStoragePort}. Consumers act in their own tenant only ({@link TenantScope}); operators
 * act in the platform tenant, and on another tenant only through the administration use cases, which
 * are audited in both tenants.
 *
 * <p>A write first checks the file-size quota, then reserves the size difference against the
 * tenant's total in the repository (atomic across instances), then writes the file atomically; if
 * the write fails the reservation is undone, so a refused or failed write leaves nothing behind.
 * Writes, removals and the TTL job take a per-volume lock in this instance, so the "old size" a
 * write accounts against is the size its own replace overwrites, and no file is written into a
 * volume while its directory is being removed.
 */
public final class VolumeService implements CreateVolumeUseCase, ListVolumesUseCase, DeleteVolumeUseCase,
        GetVolumeQuotaUseCase, WriteVolumeFileUseCase, ReadVolumeFileUseCase, ListVolumeFilesUseCase,
        TouchVolumeUseCase, ReconcileVolumeUsageUseCase, ExpireVolumesUseCase, ListTenantVolumesUseCase,
        DeleteTenantVolumeUseCase {

    /** A removal claimed longer ago than this without finishing was abandoned (its instance died); the TTL job finishes it. */
    public static final Duration ABANDONED_REMOVAL = Duration.ofMinutes(15);

    /** The audit actor of the TTL job. */
    public static final String TTL_JOB_SUBJECT = "aegis-volume-ttl";

    private static final int LOCK_STRIPES = 64;

    private final VolumeRepositoryPort volumes;
    private final VolumeStoragePort storage;
    private final LimitOverridesPort overrides;
    private final AuditLogPort auditLog;
    private final ClockPort clock;
    private final VolumeIdGeneratorPort ids;
    private final Auditor auditor;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public VolumeService(VolumeRepositoryPort volumes, VolumeStoragePort storage, LimitOverridesPort overrides,
                         AuditLogPort auditLog, ClockPort clock, VolumeIdGeneratorPort ids) {
        this.volumes = Objects.requireNonNull(volumes, "volumes");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.overrides = Objects.requireNonNull(overrides, "overrides");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.auditor = new Auditor(auditLog, clock);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public Volume create(CreateVolumeCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "volume.create", Optional.of(command.name().value()), () -> {
            requireMayChange(identity);
            TenantId tenant = TenantScope.of(identity);
            if (volumes.find(tenant, command.name()).isPresent()) {
                throw nameTaken(command.name());
            }
            ResourceLimits limits = limitsOf(identity);
            Volume volume = Volume.create(ids.newVolumeId(), tenant, identity.subject(), command.name(), clock.now(),
                    limits.storageTtl());
            Volume stored = volumes.insert(volume, limits.volumeCount());
            try {
                storage.createVolume(tenant, stored.id());
            } catch (RuntimeException failure) {
                undo(failure, () -> volumes.delete(tenant, stored.id()));
                throw failure;
            }
            return stored;
        });
    }

    @Override
    public List<Volume> list(ListVolumesQuery query) {
        return volumes.list(TenantScope.of(query.identity()));
    }

    @Override
    public Volume delete(DeleteVolumeCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "volume.delete", Optional.of(command.name().value()), () -> {
            requireMayChange(identity);
            return remove(TenantScope.of(identity), command.name());
        });
    }

    @Override
    public VolumeQuota quota(GetVolumeQuotaQuery query) {
        Identity identity = query.identity();
        return VolumeQuota.of(volumes.usage(TenantScope.of(identity)), limitsOf(identity));
    }

    @Override
    public Volume write(WriteVolumeFileCommand command) {
        Identity identity = command.identity();
        return auditor.run(identity, "volume.write_file", Optional.of(command.volume() + "/" + command.path()), () -> {
            requireMayChange(identity);
            TenantId tenant = TenantScope.of(identity);
            ResourceLimits limits = limitsOf(identity);
            long size = command.content().length;
            if (size > limits.maxFileBytes()) {
                throw VolumeQuota.fileTooLarge(size, limits.maxFileBytes());
            }
            Volume volume = active(tenant, command.volume());
            return locked(volume.id(), () -> {
                Optional<Long> old = storage.fileSize(tenant, volume.id(), command.path());
                long bytes = size - old.orElse(0L);
                long files = old.isPresent() ? 0 : 1;
                Instant now = clock.now();
                Volume reserved = volumes.reserve(tenant, volume.id(), bytes, files, limits.storageBytes(), now,
                        Volume.expiryAfter(now, limits.storageTtl()));
                try {
                    storage.writeFile(tenant, volume.id(), command.path(), command.content());
                } catch (RuntimeException failure) {
                    undo(failure, () -> volumes.reserve(tenant, volume.id(), -bytes, -files, Long.MAX_VALUE, now,
                            reserved.expiresAt()));
                    throw failure;
                }
                return reserved;
            });
        });
    }

    @Override
    public byte[] read(ReadVolumeFileQuery query) {
        Identity identity = query.identity();
        TenantId tenant = TenantScope.of(identity);
        Volume volume = active(tenant, query.volume());
        byte[] content = storage.readFile(tenant, volume.id(), query.path());
        Instant now = clock.now();
        volumes.touch(tenant, volume.id(), now, Volume.expiryAfter(now, limitsOf(identity).storageTtl()));
        return content;
    }

    @Override
    public List<VolumeFile> list(ListVolumeFilesQuery query) {
        TenantId tenant = TenantScope.of(query.identity());
        Volume volume = active(tenant, query.volume());
        return storage.listFiles(tenant, volume.id());
    }

    @Override
    public VolumeMount touch(TouchVolumeCommand command) {
        Volume volume = active(command.tenantId(), command.name());
        Instant now = clock.now();
        Volume touched = volumes.touch(command.tenantId(), volume.id(), now, volume.ttl().map(now::plus))
                .orElseThrow(() -> notFound(command.name()));
        return new VolumeMount(touched, storage.directory(command.tenantId(), volume.id()));
    }

    @Override
    public Volume reconcile(ReconcileVolumeUsageCommand command) {
        Volume volume = active(command.tenantId(), command.name());
        return locked(volume.id(), () -> {
            List<VolumeFile> found = storage.listFiles(command.tenantId(), volume.id());
            long bytes = found.stream().mapToLong(VolumeFile::sizeBytes).sum();
            return volumes.recount(command.tenantId(), volume.id(), bytes, found.size())
                    .orElseThrow(() -> notFound(command.name()));
        });
    }

    @Override
    public List<Volume> expire(ExpireVolumesCommand command) {
        Instant now = clock.now();
        List<Volume> removed = new ArrayList<>();
        for (Volume claimed : volumes.claimExpired(now, now.minus(ABANDONED_REMOVAL), command.limit())) {
            String reason = claimed.expiresAt().isPresent() && !claimed.expiresAt().get().isAfter(now)
                    ? "volume.ttl_expired" : "volume.removal_resumed";
            try {
                locked(claimed.id(), () -> {
                    storage.deleteVolume(claimed.tenantId(), claimed.id());
                    volumes.delete(claimed.tenantId(), claimed.id());
                    return claimed;
                });
            } catch (DomainException failure) {
                // The claim stays; after ABANDONED_REMOVAL a later sweep (on any instance) tries again.
                recordInTenant(TTL_JOB_SUBJECT, claimed.tenantId(), "volume.expire", claimed.name(),
                        AuditDecision.DENIED, failure.code());
                continue;
            }
            recordInTenant(TTL_JOB_SUBJECT, claimed.tenantId(), "volume.expire", claimed.name(), AuditDecision.ALLOWED,
                    reason);
            removed.add(claimed);
        }
        return removed;
    }

    @Override
    public List<Volume> list(ListTenantVolumesQuery query) {
        Identity operator = query.operator();
        return auditor.run(operator, "volume.admin_list", Optional.of(query.tenantId().value()), () -> {
            requireOperator(operator);
            List<Volume> listed = volumes.list(query.tenantId());
            recordInTenant(operator.subject(), query.tenantId(), "volume.admin_list", null, AuditDecision.ALLOWED,
                    Auditor.ALLOWED);
            return listed;
        });
    }

    @Override
    public Volume delete(DeleteTenantVolumeCommand command) {
        Identity operator = command.operator();
        return auditor.run(operator, "volume.admin_delete",
                Optional.of(command.tenantId().value() + "/" + command.name().value()), () -> {
                    requireOperator(operator);
                    requireMayChange(operator);
                    Volume removed = remove(command.tenantId(), command.name());
                    recordInTenant(operator.subject(), command.tenantId(), "volume.admin_delete", command.name(),
                            AuditDecision.ALLOWED, Auditor.ALLOWED);
                    return removed;
                });
    }

    private Volume remove(TenantId tenant, VolumeName name) {
        Volume volume = active(tenant, name);
        return locked(volume.id(), () -> {
            Volume claimed = volumes.claimForDeletion(tenant, volume.id(), clock.now())
                    .orElseThrow(() -> notFound(name));
            // Files first: a row without files is harmless, files without a row would be orphans nobody accounts.
            storage.deleteVolume(tenant, claimed.id());
            volumes.delete(tenant, claimed.id());
            return claimed;
        });
    }

    private Volume active(TenantId tenant, VolumeName name) {
        return volumes.find(tenant, name)
                .filter(volume -> volume.state() == VolumeState.ACTIVE)
                .orElseThrow(() -> notFound(name));
    }

    private <T> T locked(VolumeId id, Supplier<T> work) {
        ReentrantLock lock = locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private void recordInTenant(String subject, TenantId tenant, String action, VolumeName name, AuditDecision decision,
                                String reason) {
        auditLog.record(new AuditRecord(subject, IdentityKind.OPERATOR, tenant, action,
                Optional.ofNullable(name).map(VolumeName::value), decision, reason, clock.now()));
    }

    private ResourceLimits limitsOf(Identity identity) {
        TenantId tenant = TenantScope.of(identity);
        return ResourceLimits.resolve(identity, overrides.forTenant(tenant), overrides.forUser(tenant, identity.subject()));
    }

    /** Runs a compensating step; if it fails too, the first failure is what the caller hears. */
    private static void undo(RuntimeException failure, Runnable compensation) {
        try {
            compensation.run();
        } catch (RuntimeException second) {
            failure.addSuppressed(second);
        }
    }

    private static void requireMayChange(Identity identity) {
        if (identity instanceof Identity.Operator operator && !operator.role().includes(AegisRole.OPERATOR)) {
            throw new AccessDeniedException("role.too_low", "creating, writing or deleting volumes needs the operator "
                    + "role; your role is " + operator.role().claimValue());
        }
    }

    private static void requireOperator(Identity identity) {
        if (!(identity instanceof Identity.Operator)) {
            throw new AccessDeniedException("volume.operators_only",
                    "volume administration across tenants is for platform operators only");
        }
    }

    private static AlreadyExistsException nameTaken(VolumeName name) {
        return new AlreadyExistsException("volume.name_taken", "you already have a volume named " + name
                + "; choose another name or delete that volume first");
    }

    private static NotFoundException notFound(VolumeName name) {
        return new NotFoundException("volume.not_found", "no volume named " + name + " was found");
    }
}
