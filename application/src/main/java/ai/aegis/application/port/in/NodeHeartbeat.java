package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a heartbeat: until when the node's leases now hold, and which of its executions
 * ended without it (cancelled, timed out, failed by the service) so that it stops their work now.
 */
public record NodeHeartbeat(Instant leasesUntil, int leasesHeld, List<ExecutionId> stop) {

    public NodeHeartbeat {
        Objects.requireNonNull(leasesUntil, "leasesUntil");
        stop = List.copyOf(Objects.requireNonNull(stop, "stop"));
    }
}
