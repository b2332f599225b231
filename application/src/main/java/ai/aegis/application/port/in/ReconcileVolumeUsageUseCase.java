package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.volume.Volume;

/**
 * Re-counts a volume's files after a run wrote into {@code /workspace} directly (the sandbox writes
 * past the service), so its usage and the tenant's totals match the disk again. The files are
 * already there, so nothing is refused; if the tenant is now over its storage quota, every further
 * write is refused until files or volumes are deleted. The local node calls this after each run.
 */
public interface ReconcileVolumeUsageUseCase {

    /** @throws NotFoundException {@code volume.not_found} */
    Volume reconcile(ReconcileVolumeUsageCommand command);
}
