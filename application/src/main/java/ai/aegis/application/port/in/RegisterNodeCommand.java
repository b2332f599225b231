package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.node.NodeId;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** A node announces itself: its id, how many executions it runs at once, labels, runtimes and dedicated tenants. */
public record RegisterNodeCommand(NodeId nodeId, int capacity, Map<String, String> labels, Set<String> runtimes,
        Set<TenantId> dedicatedTenants) {

    public RegisterNodeCommand {
        Objects.requireNonNull(nodeId, "nodeId");
        labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
        runtimes = Set.copyOf(Objects.requireNonNull(runtimes, "runtimes"));
        dedicatedTenants = Set.copyOf(Objects.requireNonNull(dedicatedTenants, "dedicatedTenants"));
    }
}
