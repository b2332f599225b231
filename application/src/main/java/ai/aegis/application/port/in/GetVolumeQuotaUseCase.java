package ai.aegis.application.port.in;

import ai.aegis.domain.volume.VolumeQuota;

/**
 * {@code aegis.volume.quota}: the caller's tenant usage (volumes, bytes) next to the caller's resolved
 * limits (tier, then tenant and user overrides): volume count, total bytes, largest file, TTL.
 */
public interface GetVolumeQuotaUseCase {

    VolumeQuota quota(GetVolumeQuotaQuery query);
}
