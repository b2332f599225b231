package ai.aegis.application.memory;

import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Registered nodes in a map. Thread-safe. */
public final class InMemoryNodeRegistryAdapter implements NodeRegistryPort {

    private final Map<String, Node> nodes = new TreeMap<>();

    @Override
    public synchronized void save(Node node) {
        nodes.put(node.id().value(), node);
    }

    @Override
    public synchronized Optional<Node> find(NodeId id) {
        return Optional.ofNullable(nodes.get(id.value()));
    }

    @Override
    public synchronized List<Node> list() {
        return new ArrayList<>(nodes.values());
    }
}
