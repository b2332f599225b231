package ai.aegis.application.port.out;

import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * The nodes that registered with the service, shared by every instance. Nodes belong to no tenant
 * (they are platform infrastructure); a node's dedicated tenants are part of its record.
 */
public interface NodeRegistryPort {

    /** Stores the node, replacing an earlier registration under the same id. */
    void save(Node node);

    Optional<Node> find(NodeId id);

    /** Every registered node, ordered by id. */
    List<Node> list();
}
