package ai.aegis.application.port.in;

import ai.aegis.domain.node.NodeId;
import java.util.Objects;

/** A node says it is alive. */
public record HeartbeatNodeCommand(NodeId nodeId) {

    public HeartbeatNodeCommand {
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
