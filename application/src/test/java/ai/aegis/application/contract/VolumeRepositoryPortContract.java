package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static ai.aegis.application.contract.ContractFixtures.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.VolumeRepositoryPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.volume.TenantVolumeUsage;
import ai.aegis.domain.volume.Volume;
import ai.aegis.domain.volume.VolumeId;
import ai.aegis.domain.volume.VolumeName;
import ai.aegis.domain.volume.VolumeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VolumeRepositoryPort} adapter must do: names unique per tenant, the count and
 * bytes quotas checked and counted in one atomic step (racing callers never pass them together; a
 * refusal changes nothing), tenant totals equal the sum of the tenant's volumes, tenants never see
 * each other, and removal claims that exactly one caller wins.
 */
public abstract class VolumeRepositoryPortContract {

    private static final Duration TTL = Duration.ofDays(30);
    private VolumeRepositoryPort volumes;
    private int nextId;

    /** A fresh adapter holding no volumes. */
    protected abstract VolumeRepositoryPort newVolumeRepositoryPort();

    @BeforeEach
    void setUpVolumes() {
        volumes = newVolumeRepositoryPort();
    }

    private Volume newVolume(TenantId tenant, String name, Optional<Duration> ttl) {
        nextId++;
        return Volume.create(VolumeId.of(String.format("vol-%08d", nextId)), tenant, "alice", VolumeName.of(name), NOW, ttl);
    }

    private Volume insert(TenantId tenant, String name) {
        return volumes.insert(newVolume(tenant, name, Optional.of(TTL)), CountLimit.unlimited());
    }

    private static String code(Throwable e) {
        return ((DomainException) e).code();
    }

    @Test
    void insert_thenFind_byNameAndId_fieldForField() {
        Volume volume = insert(TENANT_A, "data");

        assertThat(volumes.find(TENANT_A, VolumeName.of("data"))).contains(volume);
        assertThat(volumes.findById(TENANT_A, volume.id())).contains(volume);
        assertThat(volumes.list(TENANT_A)).containsExactly(volume);
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(1, 0));
    }

    @Test
    void insert_nameTakenInTenant_refusedAndNothingCounted() {
        insert(TENANT_A, "data");

        assertThatThrownBy(() -> insert(TENANT_A, "data"))
                .isInstanceOf(AlreadyExistsException.class).extracting(VolumeRepositoryPortContract::code)
                .isEqualTo("volume.name_taken");
        assertThat(volumes.usage(TENANT_A).volumeCount()).isEqualTo(1);
    }

    @Test
    void insert_sameNameInAnotherTenant_allowed() {
        insert(TENANT_A, "data");

        assertThat(insert(TENANT_B, "data").tenantId()).isEqualTo(TENANT_B);
    }

    @Test
    void insert_countLimitReached_refusedNamingUsageAndLimit_nothingStored() {
        volumes.insert(newVolume(TENANT_A, "one", Optional.empty()), CountLimit.of(2));
        volumes.insert(newVolume(TENANT_A, "two", Optional.empty()), CountLimit.of(2));

        assertThatThrownBy(() -> volumes.insert(newVolume(TENANT_A, "three", Optional.empty()), CountLimit.of(2)))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("2 volume(s)").hasMessageContaining("allows 2")
                .extracting(VolumeRepositoryPortContract::code).isEqualTo("volume.count_exceeded");
        assertThat(volumes.find(TENANT_A, VolumeName.of("three"))).isEmpty();
        assertThat(volumes.usage(TENANT_A).volumeCount()).isEqualTo(2);
    }

    @Test
    void insert_twentyRacingCreatesAgainstCountOfFive_exactlyFiveStored() throws Exception {
        List<Boolean> outcomes = race(20, i -> {
            try {
                volumes.insert(newVolumeSynchronized(TENANT_A, "v" + i), CountLimit.of(5));
                return true;
            } catch (LimitExceededException refused) {
                return false;
            }
        });

        assertThat(outcomes.stream().filter(ok -> ok).count()).isEqualTo(5);
        assertThat(volumes.list(TENANT_A)).hasSize(5);
        assertThat(volumes.usage(TENANT_A).volumeCount()).isEqualTo(5);
    }

    private synchronized Volume newVolumeSynchronized(TenantId tenant, String name) {
        return newVolume(tenant, name, Optional.empty());
    }

    @Test
    void reserve_withinLimit_accountsBytesFilesAndUse() {
        Volume volume = insert(TENANT_A, "data");
        Instant later = NOW.plusSeconds(60);

        Volume after = volumes.reserve(TENANT_A, volume.id(), 40, 1, 100, later, Optional.of(later.plus(TTL)));

        assertThat(after.bytesUsed()).isEqualTo(40);
        assertThat(after.fileCount()).isEqualTo(1);
        assertThat(after.lastUsedAt()).isEqualTo(later);
        assertThat(after.expiresAt()).contains(later.plus(TTL));
        assertThat(volumes.findById(TENANT_A, volume.id())).contains(after);
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(1, 40));
    }

    @Test
    void reserve_overTenantTotal_refusedNamingUsageAndLimit_nothingChanged() {
        Volume one = insert(TENANT_A, "one");
        Volume two = insert(TENANT_A, "two");
        volumes.reserve(TENANT_A, one.id(), 60, 1, 100, NOW, Optional.empty());
        Volume before = volumes.findById(TENANT_A, two.id()).orElseThrow();

        assertThatThrownBy(() -> volumes.reserve(TENANT_A, two.id(), 41, 1, 100, NOW.plusSeconds(5), Optional.empty()))
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("60").hasMessageContaining("41").hasMessageContaining("100")
                .extracting(VolumeRepositoryPortContract::code).isEqualTo("volume.bytes_exceeded");
        assertThat(volumes.findById(TENANT_A, two.id())).contains(before);
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(2, 60));
    }

    @Test
    void reserve_exactlyUpToLimit_allowed() {
        Volume volume = insert(TENANT_A, "data");

        assertThat(volumes.reserve(TENANT_A, volume.id(), 100, 1, 100, NOW, Optional.empty()).bytesUsed()).isEqualTo(100);
    }

    @Test
    void reserve_negative_neverRefusedNeverBelowZero() {
        Volume volume = insert(TENANT_A, "data");
        volumes.reserve(TENANT_A, volume.id(), 50, 1, 100, NOW, Optional.empty());

        Volume shrunk = volumes.reserve(TENANT_A, volume.id(), -30, 0, 0, NOW, Optional.empty());
        Volume clamped = volumes.reserve(TENANT_A, volume.id(), -500, -5, 0, NOW, Optional.empty());

        assertThat(shrunk.bytesUsed()).isEqualTo(20);
        assertThat(clamped.bytesUsed()).isZero();
        assertThat(clamped.fileCount()).isZero();
        assertThat(volumes.usage(TENANT_A).bytesUsed()).isZero();
    }

    @Test
    void reserve_twentyRacingWritersOnTwoVolumes_neverPassTheBytesQuota() throws Exception {
        Volume one = insert(TENANT_A, "one");
        Volume two = insert(TENANT_A, "two");

        List<Boolean> outcomes = race(20, i -> {
            try {
                volumes.reserve(TENANT_A, (i % 2 == 0 ? one : two).id(), 10, 1, 95, NOW, Optional.empty());
                return true;
            } catch (LimitExceededException refused) {
                return false;
            }
        });

        assertThat(outcomes.stream().filter(ok -> ok).count()).isEqualTo(9);
        long sum = volumes.list(TENANT_A).stream().mapToLong(Volume::bytesUsed).sum();
        assertThat(sum).isEqualTo(90);
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(2, 90));
    }

    @Test
    void reserve_anotherTenantsVolume_notFound_andNothingChanged() {
        Volume volume = insert(TENANT_A, "data");

        assertThatThrownBy(() -> volumes.reserve(TENANT_B, volume.id(), 1, 1, 100, NOW, Optional.empty()))
                .isInstanceOf(NotFoundException.class).extracting(VolumeRepositoryPortContract::code)
                .isEqualTo("volume.not_found");
        assertThat(volumes.find(TENANT_B, VolumeName.of("data"))).isEmpty();
        assertThat(volumes.findById(TENANT_B, volume.id())).isEmpty();
        assertThat(volumes.list(TENANT_B)).isEmpty();
        assertThat(volumes.usage(TENANT_B)).isEqualTo(TenantVolumeUsage.NONE);
        assertThat(volumes.touch(TENANT_B, volume.id(), NOW, Optional.empty())).isEmpty();
        assertThat(volumes.claimForDeletion(TENANT_B, volume.id(), NOW)).isEmpty();
        assertThat(volumes.delete(TENANT_B, volume.id())).isFalse();
        assertThat(volumes.findById(TENANT_A, volume.id())).contains(volume);
    }

    @Test
    void release_givesBackNeverBelowZero() {
        Volume volume = insert(TENANT_A, "data");
        volumes.reserve(TENANT_A, volume.id(), 50, 2, 100, NOW, Optional.empty());

        assertThat(volumes.release(TENANT_A, volume.id(), 20, 1)).map(Volume::bytesUsed).contains(30L);
        assertThat(volumes.release(TENANT_A, volume.id(), 200, 5)).map(Volume::fileCount).contains(0L);
        assertThat(volumes.usage(TENANT_A).bytesUsed()).isZero();
    }

    @Test
    void recount_setsFreshCounts_tenantTotalsFollowEvenPastTheLimit() {
        Volume one = insert(TENANT_A, "one");
        Volume two = insert(TENANT_A, "two");
        volumes.reserve(TENANT_A, one.id(), 40, 2, 100, NOW, Optional.empty());
        volumes.reserve(TENANT_A, two.id(), 10, 1, 100, NOW, Optional.empty());

        Volume recounted = volumes.recount(TENANT_A, one.id(), 500, 7).orElseThrow();
        volumes.recount(TENANT_A, two.id(), 0, 0);

        assertThat(recounted.bytesUsed()).isEqualTo(500);
        assertThat(recounted.fileCount()).isEqualTo(7);
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(2, 500));
        assertThatThrownBy(() -> volumes.reserve(TENANT_A, two.id(), 1, 1, 100, NOW, Optional.empty()))
                .isInstanceOf(LimitExceededException.class);
        assertThat(volumes.recount(TENANT_B, one.id(), 1, 1)).isEmpty();
    }

    @Test
    void touch_movesLastUseAndExpiry() {
        Volume volume = insert(TENANT_A, "data");
        Instant later = NOW.plus(Duration.ofDays(10));

        Volume touched = volumes.touch(TENANT_A, volume.id(), later, Optional.of(later.plus(TTL))).orElseThrow();

        assertThat(touched.lastUsedAt()).isEqualTo(later);
        assertThat(touched.expiresAt()).contains(later.plus(TTL));
    }

    @Test
    void claimForDeletion_firstCallerWins_thenNoWritesNoTouches() {
        Volume volume = insert(TENANT_A, "data");

        Optional<Volume> first = volumes.claimForDeletion(TENANT_A, volume.id(), NOW);
        Optional<Volume> second = volumes.claimForDeletion(TENANT_A, volume.id(), NOW);

        assertThat(first).map(Volume::state).contains(VolumeState.DELETING);
        assertThat(second).isEmpty();
        assertThatThrownBy(() -> volumes.reserve(TENANT_A, volume.id(), 1, 1, 100, NOW, Optional.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThat(volumes.touch(TENANT_A, volume.id(), NOW, Optional.empty())).isEmpty();
    }

    @Test
    void delete_removesRowAndItsUsage_secondDeleteFalse() {
        Volume keep = insert(TENANT_A, "keep");
        Volume gone = insert(TENANT_A, "gone");
        volumes.reserve(TENANT_A, keep.id(), 10, 1, 100, NOW, Optional.empty());
        volumes.reserve(TENANT_A, gone.id(), 30, 3, 100, NOW, Optional.empty());
        volumes.claimForDeletion(TENANT_A, gone.id(), NOW);

        assertThat(volumes.delete(TENANT_A, gone.id())).isTrue();
        assertThat(volumes.delete(TENANT_A, gone.id())).isFalse();
        assertThat(volumes.list(TENANT_A)).extracting(Volume::id).containsExactly(keep.id());
        assertThat(volumes.usage(TENANT_A)).isEqualTo(new TenantVolumeUsage(1, 10));
        assertThat(insert(TENANT_A, "gone").name().value()).isEqualTo("gone");
    }

    @Test
    void claimExpired_onlyExpiredAndAbandoned_acrossTenants() {
        Volume expiredA = insert(TENANT_A, "old");
        Volume expiredB = insert(TENANT_B, "old");
        Volume fresh = insert(TENANT_A, "fresh");
        volumes.touch(TENANT_A, fresh.id(), NOW.plus(Duration.ofDays(20)), Optional.of(NOW.plus(Duration.ofDays(50))));
        Volume forever = volumes.insert(newVolume(TENANT_A, "forever", Optional.empty()), CountLimit.unlimited());
        Volume abandoned = insert(TENANT_B, "abandoned");
        volumes.touch(TENANT_B, abandoned.id(), NOW, Optional.of(NOW.plus(Duration.ofDays(100))));
        volumes.claimForDeletion(TENANT_B, abandoned.id(), NOW);
        Volume recentClaim = insert(TENANT_B, "recent");
        volumes.touch(TENANT_B, recentClaim.id(), NOW, Optional.of(NOW.plus(Duration.ofDays(100))));
        Instant at = NOW.plus(TTL);
        volumes.claimForDeletion(TENANT_B, recentClaim.id(), at.minusSeconds(60));

        List<Volume> claimed = volumes.claimExpired(at, at.minus(Duration.ofMinutes(15)), 100);

        assertThat(claimed).extracting(Volume::id)
                .containsExactlyInAnyOrder(expiredA.id(), expiredB.id(), abandoned.id());
        assertThat(claimed).allMatch(v -> v.state() == VolumeState.DELETING);
        assertThat(volumes.findById(TENANT_A, fresh.id()).orElseThrow().state()).isEqualTo(VolumeState.ACTIVE);
        assertThat(volumes.findById(TENANT_A, forever.id()).orElseThrow().state()).isEqualTo(VolumeState.ACTIVE);
        assertThat(volumes.claimExpired(at, at.minus(Duration.ofMinutes(15)), 100)).isEmpty();
    }

    @Test
    void claimExpired_concurrentSweepers_neverClaimTheSameVolumeTwice() throws Exception {
        for (int i = 0; i < 12; i++) {
            insert(i % 2 == 0 ? TENANT_A : TENANT_B, "old" + i);
        }
        Instant at = NOW.plus(TTL);

        List<List<Volume>> batches = race(6, i -> volumes.claimExpired(at, at.minus(Duration.ofMinutes(15)), 3));

        List<VolumeId> all = new ArrayList<>();
        batches.forEach(batch -> batch.forEach(v -> all.add(v.id())));
        Set<VolumeId> distinct = new HashSet<>(all);
        assertThat(all).hasSize(distinct.size());
        assertThat(distinct.size() + volumes.claimExpired(at, at.minus(Duration.ofMinutes(15)), 100).size())
                .isEqualTo(12);
    }

    @Test
    void claimExpired_respectsLimit() {
        for (int i = 0; i < 5; i++) {
            insert(TENANT_A, "old" + i);
        }

        assertThat(volumes.claimExpired(NOW.plus(TTL), NOW, 2)).hasSize(2);
    }

    /** Runs {@code n} tasks released at once from as many threads; answers their results. */
    protected static <T> List<T> race(int n, IndexedTask<T> task) throws Exception {
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

    /** One racing task, given its index. */
    @FunctionalInterface
    protected interface IndexedTask<T> {
        T run(int index) throws Exception;
    }
}
