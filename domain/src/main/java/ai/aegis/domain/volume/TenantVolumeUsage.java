package ai.aegis.domain.volume;

/** What a tenant's volumes hold in total: how many volumes and how many accounted bytes. */
public record TenantVolumeUsage(long volumeCount, long bytesUsed) {

    public static final TenantVolumeUsage NONE = new TenantVolumeUsage(0, 0);

    public TenantVolumeUsage {
        if (volumeCount < 0 || bytesUsed < 0) {
            throw new IllegalArgumentException("usage cannot be negative");
        }
    }
}
