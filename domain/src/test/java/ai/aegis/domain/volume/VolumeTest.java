package ai.aegis.domain.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VolumeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-00000000000a"));

    @Test
    void create_withTtl_expiresTtlAfterCreation() {
        Volume volume = Volume.create(VolumeId.of("vol-00000001"), TENANT, "alice", VolumeName.of("data"), NOW,
                Optional.of(Duration.ofDays(30)));

        assertThat(volume.expiresAt()).contains(NOW.plus(Duration.ofDays(30)));
        assertThat(volume.isExpiredAt(NOW.plus(Duration.ofDays(30)).minusNanos(1000))).isFalse();
        assertThat(volume.isExpiredAt(NOW.plus(Duration.ofDays(30)))).isTrue();
        assertThat(volume.state()).isEqualTo(VolumeState.ACTIVE);
    }

    @Test
    void create_withoutTtl_neverExpires() {
        Volume volume = Volume.create(VolumeId.of("vol-00000001"), TENANT, "alice", VolumeName.of("data"), NOW,
                Optional.empty());

        assertThat(volume.isExpiredAt(NOW.plus(Duration.ofDays(100_000)))).isFalse();
    }

    @Test
    void names_andIds_unsafeFormsRefused() {
        assertThatThrownBy(() -> VolumeName.of("..")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VolumeName.of("a/b")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VolumeName.of("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VolumeId.of("vol-../../x")).isInstanceOf(InvalidInputException.class);
        assertThat(VolumeName.of("My_data-1.v2").value()).isEqualTo("My_data-1.v2");
    }

    @Test
    void tierLimits_proExpiresAfter30Days_freeCountsTwoVolumes_fileSizeOverridable() {
        assertThat(ResourceLimits.forTier(ZaruTier.PRO).storageTtl()).contains(Duration.ofDays(30));
        assertThat(ResourceLimits.forTier(ZaruTier.FREE).volumeCount()).isEqualTo(CountLimit.of(2));
        assertThat(ResourceLimits.forTier(ZaruTier.FREE).maxFileBytes()).isEqualTo(100L * 1024 * 1024);
        assertThat(ResourceLimits.resolve(ZaruTier.FREE, LimitOverrides.none().withMaxFileBytes(10),
                LimitOverrides.none()).maxFileBytes()).isEqualTo(10);
    }

    @Test
    void quota_refusals_nameQuotaUsageAndLimit() {
        assertThat(VolumeQuota.bytesExceeded(90, 20, 100).getMessage()).contains("90", "20", "100", "storage quota");
        assertThat(VolumeQuota.countExceeded(2, CountLimit.of(2)).code()).isEqualTo("volume.count_exceeded");
        assertThat(VolumeQuota.fileTooLarge(11, 10).getMessage()).contains("11", "10", "file size");
    }
}
