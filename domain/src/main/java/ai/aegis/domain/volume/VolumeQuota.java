package ai.aegis.domain.volume;

import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.ResourceLimits;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's volume usage next to the limits that apply to the caller: how many volumes exist and
 * may exist, how many bytes are stored and may be, the largest single file, and how long an unused
 * volume is kept (empty: for ever). The refusal factories here give every adapter and service the
 * same codes and wording: {@code volume.count_exceeded}, {@code volume.bytes_exceeded},
 * {@code volume.file_too_large}, each naming the quota, the usage and the limit.
 */
public record VolumeQuota(
        long volumeCount,
        CountLimit volumeLimit,
        long bytesUsed,
        long bytesLimit,
        long maxFileBytes,
        Optional<Duration> ttl) {

    public VolumeQuota {
        Objects.requireNonNull(volumeLimit, "volumeLimit");
        Objects.requireNonNull(ttl, "ttl");
        if (volumeCount < 0 || bytesUsed < 0 || bytesLimit < 0 || maxFileBytes < 0) {
            throw new IllegalArgumentException("quota figures cannot be negative");
        }
    }

    public static VolumeQuota of(TenantVolumeUsage usage, ResourceLimits limits) {
        return new VolumeQuota(usage.volumeCount(), limits.volumeCount(), usage.bytesUsed(), limits.storageBytes(),
                limits.maxFileBytes(), limits.storageTtl());
    }

    /** Bytes that may still be written before the total is reached. */
    public long bytesRemaining() {
        return Math.max(0, bytesLimit - bytesUsed);
    }

    public static LimitExceededException countExceeded(long volumeCount, CountLimit limit) {
        return new LimitExceededException("volume.count_exceeded", "volume count quota reached: your tenant has "
                + volumeCount + " volume(s) and your plan allows " + limit + "; delete a volume first");
    }

    public static LimitExceededException bytesExceeded(long bytesUsed, long requested, long limit) {
        return new LimitExceededException("volume.bytes_exceeded", "storage quota exceeded: " + bytesUsed
                + " bytes are stored, this write needs " + requested + " more, and your plan allows " + limit
                + " bytes in total; delete files or volumes first");
    }

    public static LimitExceededException fileTooLarge(long size, long limit) {
        return new LimitExceededException("volume.file_too_large", "file size quota exceeded: the file has " + size
                + " bytes and your plan allows at most " + limit + " bytes per file");
    }
}
