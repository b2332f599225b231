package ai.aegis.adapters.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.ContractFixtures;
import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryVolumeIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryVolumeRepositoryAdapter;
import ai.aegis.application.port.in.CreateVolumeCommand;
import ai.aegis.application.port.in.ExpireVolumesCommand;
import ai.aegis.application.port.in.GetVolumeQuotaQuery;
import ai.aegis.application.port.in.ReconcileVolumeUsageCommand;
import ai.aegis.application.port.in.TouchVolumeCommand;
import ai.aegis.application.port.in.VolumeMount;
import ai.aegis.application.port.in.WriteVolumeFileCommand;
import ai.aegis.application.service.VolumeService;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volume use cases over real files: quotas leave no trace on disk, the mount is the real directory, TTL removes files. */
class VolumeServiceOnFileSystemTest {

    @TempDir
    Path temp;

    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(ContractFixtures.NOW);
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final Identity.ZaruUser pro = Identity.zaruUser(ZaruUserId.of("pablo"), ContractFixtures.TENANT_A, ZaruTier.PRO);

    private VolumeService service(FileSystemVolumeStorageAdapter storage) {
        return new VolumeService(new InMemoryVolumeRepositoryAdapter(), storage, overrides, new InMemoryAuditLogAdapter(),
                clock, new InMemoryVolumeIdGeneratorAdapter());
    }

    private static long bytesOnDisk(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            long total = 0;
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    @Test
    void write_twentyRacingWriters_neverPassTheBytesQuotaOnDisk() throws Exception {
        overrides.setTenant(pro.tenantId(), LimitOverrides.none().withStorageBytes(1_000));
        FileSystemVolumeStorageAdapter storage = new FileSystemVolumeStorageAdapter(temp.resolve("volumes"));
        VolumeService service = service(storage);
        service.create(new CreateVolumeCommand(pro, VolumeName.of("a")));
        service.create(new CreateVolumeCommand(pro, VolumeName.of("b")));

        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> futures = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    service.write(new WriteVolumeFileCommand(pro, VolumeName.of(index % 2 == 0 ? "a" : "b"),
                            VolumePath.of("f" + index), new byte[150]));
                    return true;
                } catch (LimitExceededException refused) {
                    return false;
                }
            }));
        }
        start.countDown();
        long admitted = 0;
        for (Future<Boolean> future : futures) {
            admitted += future.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdownNow();

        assertThat(admitted).isEqualTo(6);
        assertThat(bytesOnDisk(storage.root())).isEqualTo(900);
    }

    @Test
    void write_refusedByQuotaOrPath_leavesNoFile() throws IOException {
        overrides.setTenant(pro.tenantId(), LimitOverrides.none().withMaxFileBytes(10));
        FileSystemVolumeStorageAdapter storage = new FileSystemVolumeStorageAdapter(temp.resolve("volumes"));
        VolumeService service = service(storage);
        service.create(new CreateVolumeCommand(pro, VolumeName.of("a")));

        assertThatThrownBy(() -> service.write(new WriteVolumeFileCommand(pro, VolumeName.of("a"), VolumePath.of("big"),
                new byte[11]))).isInstanceOf(LimitExceededException.class);
        assertThatThrownBy(() -> VolumePath.of("../../escape")).isInstanceOf(InvalidInputException.class);

        assertThat(bytesOnDisk(storage.root())).isZero();
        try (Stream<Path> walk = Files.walk(temp)) {
            assertThat(walk.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void touch_mountIsTheRealDirectory_andTtlRemovesIt() throws IOException {
        FileSystemVolumeStorageAdapter storage = new FileSystemVolumeStorageAdapter(temp.resolve("volumes"));
        VolumeService service = service(storage);
        service.create(new CreateVolumeCommand(pro, VolumeName.of("work")));
        service.write(new WriteVolumeFileCommand(pro, VolumeName.of("work"), VolumePath.of("src/main.py"),
                "print(1)".getBytes()));

        VolumeMount mount = service.touch(new TouchVolumeCommand(pro.tenantId(), VolumeName.of("work")));
        assertThat(Files.readString(mount.directory().resolve("src/main.py"))).isEqualTo("print(1)");

        clock.advance(Duration.ofDays(30));
        assertThat(service.expire(new ExpireVolumesCommand(10))).hasSize(1);
        assertThat(Files.exists(mount.directory())).isFalse();
    }

    @Test
    void reconcile_afterTheSandboxWroteDirectly_usageMatchesDiskAndFurtherWritesRefusedPastQuota() throws IOException {
        overrides.setTenant(pro.tenantId(), LimitOverrides.none().withStorageBytes(100));
        FileSystemVolumeStorageAdapter storage = new FileSystemVolumeStorageAdapter(temp.resolve("volumes"));
        VolumeService service = service(storage);
        service.create(new CreateVolumeCommand(pro, VolumeName.of("work")));
        VolumeMount mount = service.touch(new TouchVolumeCommand(pro.tenantId(), VolumeName.of("work")));
        Files.createDirectories(mount.directory().resolve("out"));
        Files.write(mount.directory().resolve("out/result.bin"), new byte[120]);

        service.reconcile(new ReconcileVolumeUsageCommand(pro.tenantId(), VolumeName.of("work")));

        assertThat(service.quota(new GetVolumeQuotaQuery(pro)).bytesUsed()).isEqualTo(120);
        assertThatThrownBy(() -> service.write(new WriteVolumeFileCommand(pro, VolumeName.of("work"),
                VolumePath.of("more.txt"), new byte[1]))).isInstanceOf(LimitExceededException.class);
        assertThat(Files.exists(mount.directory().resolve("more.txt"))).isFalse();
    }
}
