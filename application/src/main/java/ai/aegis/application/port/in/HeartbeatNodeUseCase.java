package ai.aegis.application.port.in;

import ai.aegis.domain.error.NotFoundException;

/** Keeps a node's leases alive and tells it which of its executions to stop. */
public interface HeartbeatNodeUseCase {

    /** @throws NotFoundException {@code node.not_registered} when the node must register (again) first */
    NodeHeartbeat heartbeat(HeartbeatNodeCommand command);
}
