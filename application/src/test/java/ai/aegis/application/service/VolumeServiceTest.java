package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryVolumeIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryVolumeRepositoryAdapter;
import ai.aegis.application.memory.InMemoryVolumeStorageAdapter;
import ai.aegis.application.port.in.CreateVolumeCommand;
import ai.aegis.application.port.in.DeleteTenantVolumeCommand;
import ai.aegis.application.port.in.DeleteVolumeCommand;
import ai.aegis.application.port.in.ExpireVolumesCommand;
import ai.aegis.application.port.in.GetVolumeQuotaQuery;
import ai.aegis.application.port.in.ListTenantVolumesQuery;
import ai.aegis.application.port.in.ListVolumeFilesQuery;
import ai.aegis.application.port.in.ListVolumesQuery;
import ai.aegis.application.port.in.ReadVolumeFileQuery;
import ai.aegis.application.port.in.TouchVolumeCommand;
import ai.aegis.application.port.in.VolumeMount;
import ai.aegis.application.port.in.WriteVolumeFileCommand;
import ai.aegis.application.port.out.VolumeStoragePort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeFile;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumePath;
import ai.aegis.domain.volume.VolumeQuota;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class VolumeServiceTest {

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(ServiceFixture.START);
    private final InMemoryVolumeRepositoryAdapter repository = new InMemoryVolumeRepositoryAdapter();
    private final InMemoryVolumeStorageAdapter files = new InMemoryVolumeStorageAdapter();
    private final FlakyStorage storage = new FlakyStorage(files);
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final VolumeService service = new VolumeService(repository, storage, overrides, audit, clock,
            new InMemoryVolumeIdGeneratorAdapter());

    private final Identity.ZaruUser free = ServiceFixture.user("freda", ZaruTier.FREE);
    private final Identity.ZaruUser pro = ServiceFixture.user("pablo", ZaruTier.PRO);
    private final Identity.ZaruUser business = ServiceFixture.user("bea", ZaruTier.BUSINESS);
    private final Identity.Operator operator = Identity.operator("ops-1", AegisRole.OPERATOR);
    private final Identity.Operator readonly = Identity.operator("ops-ro", AegisRole.READONLY);

    private static VolumeName name(String value) {
        return VolumeName.of(value);
    }

    private Volume create(Identity identity, String volume) {
        return service.create(new CreateVolumeCommand(identity, name(volume)));
    }

    private Volume write(Identity identity, String volume, String path, int size) {
        return service.write(new WriteVolumeFileCommand(identity, name(volume), VolumePath.of(path), new byte[size]));
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    private List<AuditRecord> audited(String action) {
        return audit.all().stream().filter(r -> r.action().equals(action)).toList();
    }

    @Test
    void create_withinCount_emptyVolumeWithDirectoryAndAudit() {
        Volume volume = create(free, "data");

        assertThat(volume.tenantId()).isEqualTo(free.tenantId());
        assertThat(volume.ownerSubject()).isEqualTo(free.subject());
        assertThat(volume.bytesUsed()).isZero();
        assertThat(files.exists(free.tenantId(), volume.id())).isTrue();
        assertThat(audited("volume.create")).singleElement()
                .satisfies(r -> assertThat(r.decision()).isEqualTo(AuditDecision.ALLOWED));
    }

    @Test
    void create_freeThirdVolume_refusedNamingQuota_noRowNoDirectory_audited() {
        create(free, "one");
        create(free, "two");

        assertThatThrownBy(() -> create(free, "three"))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("volume count").hasMessageContaining("2 volume(s)").hasMessageContaining("allows 2")
                .extracting(VolumeServiceTest::code).isEqualTo("volume.count_exceeded");
        assertThat(service.list(new ListVolumesQuery(free))).extracting(v -> v.name().value()).containsExactly("one", "two");
        assertThat(files.exists(free.tenantId(), VolumeId.of("vol-00000003"))).isFalse();
        assertThat(audited("volume.create")).filteredOn(r -> r.decision() == AuditDecision.DENIED)
                .extracting(AuditRecord::reasonCode).containsExactly("volume.count_exceeded");
    }

    @Test
    void create_countOverriddenForTheTenant_allowsMore() {
        overrides.setTenant(free.tenantId(), LimitOverrides.none().withVolumeCount(
                ai.aegis.domain.limits.CountLimit.of(3)));
        create(free, "one");
        create(free, "two");

        assertThat(create(free, "three").name().value()).isEqualTo("three");
    }

    @Test
    void create_nameTaken_refused() {
        create(pro, "data");

        assertThatThrownBy(() -> create(pro, "data")).isInstanceOf(AlreadyExistsException.class)
                .extracting(VolumeServiceTest::code).isEqualTo("volume.name_taken");
    }

    @Test
    void create_readOnlyOperator_refused() {
        assertThatThrownBy(() -> create(readonly, "data")).isInstanceOf(AccessDeniedException.class)
                .extracting(VolumeServiceTest::code).isEqualTo("role.too_low");
    }

    @Test
    void write_thenReadAndList_accountsBytesAndFiles() {
        create(pro, "data");

        Volume after = service.write(new WriteVolumeFileCommand(pro, name("data"), VolumePath.of("in/a.txt"),
                "hello".getBytes()));

        assertThat(after.bytesUsed()).isEqualTo(5);
        assertThat(after.fileCount()).isEqualTo(1);
        assertThat(service.read(new ReadVolumeFileQuery(pro, name("data"), VolumePath.of("in/a.txt")))).isEqualTo("hello".getBytes());
        assertThat(service.list(new ListVolumeFilesQuery(pro, name("data"))))
                .containsExactly(new VolumeFile(VolumePath.of("in/a.txt"), 5));
    }

    @Test
    void write_fileOverTheSizeQuota_refusedNamingQuota_volumeUnchanged() {
        overrides.setUser(pro.tenantId(), pro.subject(), LimitOverrides.none().withMaxFileBytes(100));
        Volume before = create(pro, "data");

        assertThatThrownBy(() -> write(pro, "data", "big.bin", 101))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("file size").hasMessageContaining("101").hasMessageContaining("100")
                .extracting(VolumeServiceTest::code).isEqualTo("volume.file_too_large");
        assertThat(repository.findById(pro.tenantId(), before.id())).contains(before);
        assertThat(files.listFiles(pro.tenantId(), before.id())).isEmpty();
        assertThat(audited("volume.write_file")).extracting(AuditRecord::reasonCode).containsExactly("volume.file_too_large");
    }

    @Test
    void write_overTheTotalBytesQuota_refusedNamingUsageAndLimit_volumeUnchanged() {
        overrides.setTenant(pro.tenantId(), LimitOverrides.none().withStorageBytes(100));
        create(pro, "data");
        write(pro, "data", "a.bin", 60);
        Volume before = repository.find(pro.tenantId(), name("data")).orElseThrow();

        assertThatThrownBy(() -> write(pro, "data", "b.bin", 41))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("storage quota").hasMessageContaining("60").hasMessageContaining("100")
                .extracting(VolumeServiceTest::code).isEqualTo("volume.bytes_exceeded");
        assertThat(repository.findById(pro.tenantId(), before.id())).contains(before);
        assertThat(files.listFiles(pro.tenantId(), before.id())).extracting(f -> f.path().value()).containsExactly("a.bin");
    }

    @Test
    void write_overwrite_accountsOnlyTheDifference() {
        overrides.setTenant(pro.tenantId(), LimitOverrides.none().withStorageBytes(100));
        create(pro, "data");
        write(pro, "data", "a.bin", 90);

        Volume grown = write(pro, "data", "a.bin", 100);
        Volume shrunk = write(pro, "data", "a.bin", 10);

        assertThat(grown.bytesUsed()).isEqualTo(100);
        assertThat(grown.fileCount()).isEqualTo(1);
        assertThat(shrunk.bytesUsed()).isEqualTo(10);
        assertThat(service.quota(new GetVolumeQuotaQuery(pro)).bytesUsed()).isEqualTo(10);
    }

    @Test
    void write_storageFails_reservationUndone_noFile() {
        Volume before = create(pro, "data");
        storage.failWrites.set(true);

        assertThatThrownBy(() -> write(pro, "data", "a.bin", 10)).isInstanceOf(UnavailableException.class);

        Volume after = repository.findById(pro.tenantId(), before.id()).orElseThrow();
        assertThat(after.bytesUsed()).isZero();
        assertThat(after.fileCount()).isZero();
        assertThat(files.listFiles(pro.tenantId(), before.id())).isEmpty();
    }

    @Test
    void write_twentyRacingWritersOnThreeVolumes_neverPassTheBytesQuota() throws Exception {
        overrides.setTenant(business.tenantId(), LimitOverrides.none().withStorageBytes(1_000));
        for (int v = 0; v < 3; v++) {
            create(business, "v" + v);
        }

        List<Boolean> outcomes = race(20, i -> {
            try {
                write(business, "v" + (i % 3), "f" + i, 120);
                return true;
            } catch (LimitExceededException refused) {
                return false;
            }
        });

        long stored = 0;
        for (Volume volume : repository.list(business.tenantId())) {
            stored += files.listFiles(business.tenantId(), volume.id()).stream().mapToLong(VolumeFile::sizeBytes).sum();
        }
        assertThat(outcomes.stream().filter(ok -> ok).count()).isEqualTo(8);
        assertThat(stored).isEqualTo(960).isLessThanOrEqualTo(1_000);
        assertThat(repository.usage(business.tenantId()).bytesUsed()).isEqualTo(stored);
    }

    @Test
    void volumes_ofAnotherTenant_invisibleByName() {
        create(pro, "data");
        write(pro, "data", "secret.txt", 3);

        assertThat(service.list(new ListVolumesQuery(business))).isEmpty();
        assertThatThrownBy(() -> service.read(new ReadVolumeFileQuery(business, name("data"), VolumePath.of("secret.txt"))))
                .isInstanceOf(NotFoundException.class).extracting(VolumeServiceTest::code).isEqualTo("volume.not_found");
        assertThatThrownBy(() -> write(business, "data", "x", 1)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.delete(new DeleteVolumeCommand(business, name("data"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> service.touch(new TouchVolumeCommand(business.tenantId(), name("data"))))
                .isInstanceOf(NotFoundException.class);
        assertThat(service.quota(new GetVolumeQuotaQuery(business)).bytesUsed()).isZero();
    }

    @Test
    void delete_removesFilesRowAndUsage_audited() {
        Volume volume = create(pro, "data");
        write(pro, "data", "a.bin", 10);

        Volume removed = service.delete(new DeleteVolumeCommand(pro, name("data")));

        assertThat(removed.id()).isEqualTo(volume.id());
        assertThat(files.exists(pro.tenantId(), volume.id())).isFalse();
        assertThat(service.list(new ListVolumesQuery(pro))).isEmpty();
        assertThat(service.quota(new GetVolumeQuotaQuery(pro))).extracting(VolumeQuota::volumeCount, VolumeQuota::bytesUsed)
                .containsExactly(0L, 0L);
        assertThat(audited("volume.delete")).extracting(AuditRecord::decision).containsExactly(AuditDecision.ALLOWED);
    }

    @Test
    void quota_reportsUsageAndTheCallersResolvedLimits() {
        create(free, "data");
        write(free, "data", "a", 7);

        VolumeQuota quota = service.quota(new GetVolumeQuotaQuery(free));

        assertThat(quota.volumeCount()).isEqualTo(1);
        assertThat(quota.volumeLimit().max()).hasValue(2);
        assertThat(quota.bytesUsed()).isEqualTo(7);
        assertThat(quota.bytesLimit()).isEqualTo(500L * 1024 * 1024);
        assertThat(quota.maxFileBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(quota.ttl()).isEmpty();
        assertThat(service.quota(new GetVolumeQuotaQuery(pro)).ttl()).contains(Duration.ofDays(30));
    }

    @Test
    void touch_answersMountDirectory_andRestartsTheTtl() {
        Volume volume = create(pro, "data");
        clock.advance(Duration.ofDays(20));

        VolumeMount mount = service.touch(new TouchVolumeCommand(pro.tenantId(), name("data")));

        assertThat(mount.directory()).isEqualTo(files.directory(pro.tenantId(), volume.id()));
        assertThat(mount.volume().expiresAt()).contains(clock.now().plus(Duration.ofDays(30)));
    }

    @Test
    void expire_proVolumeUnusedThirtyDays_removedWithFilesAndAudited_usedAndBusinessVolumesKept() {
        Volume idle = create(pro, "idle");
        write(pro, "idle", "a.bin", 10);
        create(pro, "busy");
        Volume kept = create(business, "forever");
        clock.advance(Duration.ofDays(29));
        service.touch(new TouchVolumeCommand(pro.tenantId(), name("busy")));
        clock.advance(Duration.ofDays(1));

        List<Volume> removed = service.expire(new ExpireVolumesCommand(100));

        assertThat(removed).extracting(Volume::id).containsExactly(idle.id());
        assertThat(files.exists(pro.tenantId(), idle.id())).isFalse();
        assertThat(service.list(new ListVolumesQuery(pro))).extracting(v -> v.name().value()).containsExactly("busy");
        assertThat(service.list(new ListVolumesQuery(business))).extracting(Volume::id).containsExactly(kept.id());
        assertThat(service.quota(new GetVolumeQuotaQuery(pro)).bytesUsed()).isZero();
        assertThat(audit.listByTenant(pro.tenantId(), 100)).filteredOn(r -> r.action().equals("volume.expire"))
                .singleElement().satisfies(r -> {
                    assertThat(r.actorSubject()).isEqualTo(VolumeService.TTL_JOB_SUBJECT);
                    assertThat(r.reasonCode()).isEqualTo("volume.ttl_expired");
                    assertThat(r.target()).contains("idle");
                });
    }

    @Test
    void expire_oneDayBeforeTtl_nothingRemoved() {
        create(pro, "data");
        clock.advance(Duration.ofDays(29));

        assertThat(service.expire(new ExpireVolumesCommand(100))).isEmpty();
    }

    @Test
    void expire_twoInstancesSweepingAtOnce_eachVolumeRemovedOnce() throws Exception {
        for (int i = 0; i < 10; i++) {
            create(i % 2 == 0 ? pro : ServiceFixture.user("pia" + i, ZaruTier.PRO), "v" + i);
        }
        VolumeService second = new VolumeService(repository, storage, overrides, audit, clock,
                new InMemoryVolumeIdGeneratorAdapter());
        clock.advance(Duration.ofDays(31));

        List<List<Volume>> sweeps = race(4, i -> (i % 2 == 0 ? service : second).expire(new ExpireVolumesCommand(3)));

        long removed = sweeps.stream().mapToLong(List::size).sum() + service.expire(new ExpireVolumesCommand(100)).size();
        assertThat(removed).isEqualTo(10);
        assertThat(audited("volume.expire")).hasSize(10).allMatch(r -> r.decision() == AuditDecision.ALLOWED);
    }

    @Test
    void expire_storageFails_volumeKeptClaimed_retriedAfterAbandonment() {
        Volume volume = create(pro, "data");
        clock.advance(Duration.ofDays(31));
        storage.failDeletes.set(true);

        assertThat(service.expire(new ExpireVolumesCommand(100))).isEmpty();
        storage.failDeletes.set(false);
        assertThat(service.expire(new ExpireVolumesCommand(100))).isEmpty();
        clock.advance(VolumeService.ABANDONED_REMOVAL.plusSeconds(1));

        assertThat(service.expire(new ExpireVolumesCommand(100))).extracting(Volume::id).containsExactly(volume.id());
        assertThat(audited("volume.expire")).extracting(AuditRecord::reasonCode)
                .containsExactly("volume.storage_unavailable", "volume.ttl_expired");
    }

    @Test
    void administration_operatorListsAndDeletesAnotherTenantsVolume_auditedInBothTenants() {
        create(pro, "data");

        List<Volume> listed = service.list(new ListTenantVolumesQuery(operator, pro.tenantId()));
        Volume removed = service.delete(new DeleteTenantVolumeCommand(operator, pro.tenantId(), name("data")));

        assertThat(listed).extracting(Volume::id).containsExactly(removed.id());
        assertThat(service.list(new ListVolumesQuery(pro))).isEmpty();
        assertThat(audit.listByTenant(pro.tenantId(), 100)).extracting(AuditRecord::action)
                .contains("volume.admin_list", "volume.admin_delete");
        assertThat(audit.listByTenant(TenantScope.SYSTEM, 100)).extracting(AuditRecord::action)
                .contains("volume.admin_list", "volume.admin_delete");
    }

    @Test
    void administration_consumerOrReadOnly_refused() {
        create(pro, "data");

        assertThatThrownBy(() -> service.list(new ListTenantVolumesQuery(business, pro.tenantId())))
                .isInstanceOf(AccessDeniedException.class).extracting(VolumeServiceTest::code)
                .isEqualTo("volume.operators_only");
        assertThatThrownBy(() -> service.delete(new DeleteTenantVolumeCommand(readonly, pro.tenantId(), name("data"))))
                .isInstanceOf(AccessDeniedException.class).extracting(VolumeServiceTest::code).isEqualTo("role.too_low");
        assertThat(service.list(new ListVolumesQuery(pro))).hasSize(1);
        assertThat(service.list(new ListTenantVolumesQuery(readonly, pro.tenantId()))).hasSize(1);
    }

    @Test
    void operatorOwnVolumes_liveInThePlatformTenant() {
        Volume volume = create(operator, "ops");

        assertThat(volume.tenantId()).isEqualTo(TenantScope.SYSTEM);
        assertThat(service.list(new ListVolumesQuery(pro))).isEmpty();
    }

    private static <T> List<T> race(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Storage whose writes or removals fail on demand, like a full or vanished disk. */
    private static final class FlakyStorage implements VolumeStoragePort {

        final AtomicBoolean failWrites = new AtomicBoolean();
        final AtomicBoolean failDeletes = new AtomicBoolean();
        private final VolumeStoragePort delegate;

        FlakyStorage(VolumeStoragePort delegate) {
            this.delegate = delegate;
        }

        private static UnavailableException down() {
            return new UnavailableException("volume.storage_unavailable", "the volume store is not available");
        }

        @Override
        public void createVolume(TenantId tenantId, VolumeId id) {
            delegate.createVolume(tenantId, id);
        }

        @Override
        public void writeFile(TenantId tenantId, VolumeId id, VolumePath path, byte[] content) {
            if (failWrites.get()) {
                throw down();
            }
            delegate.writeFile(tenantId, id, path, content);
        }

        @Override
        public Optional<Long> fileSize(TenantId tenantId, VolumeId id, VolumePath path) {
            return delegate.fileSize(tenantId, id, path);
        }

        @Override
        public byte[] readFile(TenantId tenantId, VolumeId id, VolumePath path) {
            return delegate.readFile(tenantId, id, path);
        }

        @Override
        public List<VolumeFile> listFiles(TenantId tenantId, VolumeId id) {
            return delegate.listFiles(tenantId, id);
        }

        @Override
        public void deleteVolume(TenantId tenantId, VolumeId id) {
            if (failDeletes.get()) {
                throw down();
            }
            delegate.deleteVolume(tenantId, id);
        }

        @Override
        public Path directory(TenantId tenantId, VolumeId id) {
            return delegate.directory(tenantId, id);
        }
    }
}
