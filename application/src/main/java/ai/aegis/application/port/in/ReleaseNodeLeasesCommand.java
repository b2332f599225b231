package ai.aegis.application.port.in;

import ai.aegis.domain.node.NodeId;
import java.util.Objects;

/** Every lease of one node is lost now, live or not (its process restarted and remembers nothing). */
public record ReleaseNodeLeasesCommand(NodeId nodeId) {

    public ReleaseNodeLeasesCommand {
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
