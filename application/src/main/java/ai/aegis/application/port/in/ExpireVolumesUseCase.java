package ai.aegis.application.port.in;

import ai.aegis.domain.volume.Volume;
import java.util.List;

/**
 * The TTL job: removes every volume whose expiry has passed (unused for longer than its plan keeps
 * unused volumes), files first, then the row, each removal audited in the volume's tenant. Also
 * finishes removals a dead instance left half done. Safe to run on several instances at once: each
 * volume is claimed by exactly one sweep.
 */
public interface ExpireVolumesUseCase {

    /** Answers the volumes it removed, as they were before removal. */
    List<Volume> expire(ExpireVolumesCommand command);
}
