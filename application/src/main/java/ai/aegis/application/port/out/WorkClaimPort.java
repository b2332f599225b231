package ai.aegis.application.port.out;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.node.WorkLease;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Leases that give nodes executions to run. At most one lease exists per execution, across every
 * instance. Only Pending executions are claimed, oldest first, and only what the node may run:
 * a dedicated node takes only its tenants' work, and a tenant that some registered node is
 * dedicated to never has its work claimed by another node.
 *
 * <p>Designed for PostgreSQL: candidates are selected with {@code FOR UPDATE SKIP LOCKED} and the
 * lease row's primary key is the execution id, so two nodes (or instances) never win the same one.
 */
public interface WorkClaimPort {

    /**
     * Claims up to {@code max} unleased Pending executions that {@code node} may run, each leased
     * until {@code leaseUntil}.
     */
    List<WorkLease> claim(Node node, int max, Instant now, Instant leaseUntil);

    /** Pushes every lease of the node to {@code leaseUntil}; answers how many it holds. */
    int renew(NodeId node, Instant leaseUntil);

    Optional<WorkLease> find(ExecutionId executionId);

    /** The node's leases, oldest first. */
    List<WorkLease> leasesOf(NodeId node);

    /** Leases expired at {@code now}, across every node and tenant, oldest expiry first, at most {@code limit}. */
    List<WorkLease> expired(Instant now, int limit);

    /** Deletes the lease if it is still the one given (same execution and node); true when it was. */
    boolean release(WorkLease lease);
}
