package ai.aegis.domain.node;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * A node's claim on one execution: while the lease holds, no other node gets the execution and
 * only the holder may begin it or attest for it. The holder's heartbeats push {@code expiresAt}
 * forward; a lease that expires is lost (see the node sweeper's policy).
 *
 * <p>Invariant: {@code claimedAt < expiresAt}.
 */
public record WorkLease(ExecutionId executionId, TenantId tenantId, NodeId nodeId, Instant claimedAt, Instant expiresAt) {

    public WorkLease {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(claimedAt)) {
            throw new IllegalArgumentException("a lease must expire after it is claimed");
        }
    }

    /** True once {@code now} has reached the expiry. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The same lease, held until {@code until}. */
    public WorkLease renewedUntil(Instant until) {
        return new WorkLease(executionId, tenantId, nodeId, claimedAt, until.isAfter(expiresAt) ? until : expiresAt);
    }
}
