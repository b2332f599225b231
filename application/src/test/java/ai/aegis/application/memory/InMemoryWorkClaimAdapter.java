package ai.aegis.application.memory;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.application.port.out.WorkClaimPort;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.node.WorkLease;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Leases in a map, over the executions of an execution repository and the nodes of a registry
 * (for the dedicated-tenant rule). One lock makes each claim atomic. Thread-safe.
 */
public final class InMemoryWorkClaimAdapter implements WorkClaimPort {

    private final ExecutionRepositoryPort executions;
    private final NodeRegistryPort nodes;
    private final Map<ExecutionId, WorkLease> leases = new LinkedHashMap<>();

    public InMemoryWorkClaimAdapter(ExecutionRepositoryPort executions, NodeRegistryPort nodes) {
        this.executions = executions;
        this.nodes = nodes;
    }

    @Override
    public synchronized List<WorkLease> claim(Node node, int max, Instant now, Instant leaseUntil) {
        Set<TenantId> dedicated = new HashSet<>();
        for (Node registered : nodes.list()) {
            dedicated.addAll(registered.dedicatedTenants());
        }
        dedicated.addAll(node.dedicatedTenants());
        List<Execution> pending = new ArrayList<>(executions.listAcrossTenants(
                ExecutionListFilter.all().withStatuses(Set.of(ExecutionStatus.PENDING)), 500));
        pending.sort(Comparator.comparing(Execution::createdAt).thenComparing(e -> e.id().value()));
        List<WorkLease> claimed = new ArrayList<>();
        for (Execution execution : pending) {
            if (claimed.size() >= max) {
                break;
            }
            if (!leases.containsKey(execution.id()) && node.mayRun(execution.tenantId(), dedicated)) {
                WorkLease lease = new WorkLease(execution.id(), execution.tenantId(), node.id(), now, leaseUntil);
                leases.put(execution.id(), lease);
                claimed.add(lease);
            }
        }
        return claimed;
    }

    @Override
    public synchronized int renew(NodeId node, Instant leaseUntil) {
        int held = 0;
        for (Map.Entry<ExecutionId, WorkLease> entry : leases.entrySet()) {
            if (entry.getValue().nodeId().equals(node)) {
                entry.setValue(entry.getValue().renewedUntil(leaseUntil));
                held++;
            }
        }
        return held;
    }

    @Override
    public synchronized Optional<WorkLease> find(ExecutionId executionId) {
        return Optional.ofNullable(leases.get(executionId));
    }

    @Override
    public synchronized List<WorkLease> leasesOf(NodeId node) {
        List<WorkLease> held = new ArrayList<>();
        for (WorkLease lease : leases.values()) {
            if (lease.nodeId().equals(node)) {
                held.add(lease);
            }
        }
        held.sort(Comparator.comparing(WorkLease::claimedAt));
        return held;
    }

    @Override
    public synchronized List<WorkLease> expired(Instant now, int limit) {
        List<WorkLease> expired = new ArrayList<>();
        for (WorkLease lease : leases.values()) {
            if (lease.isExpiredAt(now)) {
                expired.add(lease);
            }
        }
        expired.sort(Comparator.comparing(WorkLease::expiresAt));
        return expired.size() > limit ? expired.subList(0, limit) : expired;
    }

    @Override
    public synchronized boolean release(WorkLease lease) {
        WorkLease current = leases.get(lease.executionId());
        if (current != null && current.nodeId().equals(lease.nodeId())) {
            leases.remove(lease.executionId());
            return true;
        }
        return false;
    }
}
