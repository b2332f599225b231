package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.application.port.out.WorkClaimPort;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.node.WorkLease;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Nodes ({@code node}) and their leases ({@code execution_assignment}) in PostgreSQL. Nodes serve
 * every tenant, so statements run through {@link TenantTransactions#acrossTenants} with a declared
 * reason. A claim is one statement: Pending, unleased executions the node may run, oldest first,
 * locked {@code FOR UPDATE SKIP LOCKED} (concurrent claims pass each other by) and leased with
 * {@code ON CONFLICT DO NOTHING} on the execution id (a claim never steals a lease).
 */
public final class NodePersistenceAdapter implements NodeRegistryPort, WorkClaimPort {

    private static final String REGISTRY = "node registry";
    private static final String LEASES = "node leases";

    private final TenantTransactions transactions;

    public NodePersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public void save(Node node) {
        Objects.requireNonNull(node, "node");
        List<String> labels = new ArrayList<>();
        node.labels().forEach((key, value) -> labels.add(key + "=" + value));
        List<String> dedicated = new ArrayList<>();
        node.dedicatedTenants().forEach(tenant -> dedicated.add(tenant.value()));
        transactions.acrossTenants(REGISTRY, handle -> handle.createUpdate("""
                        INSERT INTO node (id, capacity, labels, runtimes, dedicated_tenants, registered_at, last_heartbeat)
                        VALUES (:id, :capacity, :labels, :runtimes, :dedicated, :registeredAt, :lastHeartbeat)
                        ON CONFLICT (id) DO UPDATE SET capacity = EXCLUDED.capacity, labels = EXCLUDED.labels,
                            runtimes = EXCLUDED.runtimes, dedicated_tenants = EXCLUDED.dedicated_tenants,
                            registered_at = EXCLUDED.registered_at, last_heartbeat = EXCLUDED.last_heartbeat""")
                .bind("id", node.id().value())
                .bind("capacity", node.capacity())
                .bindArray("labels", String.class, labels)
                .bindArray("runtimes", String.class, new ArrayList<>(node.runtimes()))
                .bindArray("dedicated", String.class, dedicated)
                .bind("registeredAt", timestamp(node.registeredAt()))
                .bind("lastHeartbeat", timestamp(node.lastHeartbeat()))
                .execute());
    }

    @Override
    public Optional<Node> find(NodeId id) {
        Objects.requireNonNull(id, "id");
        return transactions.acrossTenants(REGISTRY, handle -> handle.createQuery("SELECT * FROM node WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> node(rs))
                .findOne());
    }

    @Override
    public List<Node> list() {
        return transactions.acrossTenants(REGISTRY, handle -> handle.createQuery("SELECT * FROM node ORDER BY id")
                .map((rs, ctx) -> node(rs))
                .list());
    }

    @Override
    public List<WorkLease> claim(Node node, int max, Instant now, Instant leaseUntil) {
        Objects.requireNonNull(node, "node");
        if (max < 1) {
            return List.of();
        }
        List<String> dedicated = new ArrayList<>();
        node.dedicatedTenants().forEach(tenant -> dedicated.add(tenant.value()));
        return transactions.acrossTenants(LEASES, handle -> handle.createQuery("""
                        WITH candidate AS (
                            SELECT e.tenant_id, e.id FROM execution_active e
                            WHERE e.pending AND NOT EXISTS (SELECT 1 FROM execution_assignment a WHERE a.execution_id = e.id)
                              AND CASE WHEN cardinality(CAST(:dedicated AS TEXT[])) > 0
                                       THEN e.tenant_id = ANY (CAST(:dedicated AS TEXT[]))
                                       ELSE NOT EXISTS (SELECT 1 FROM node n WHERE e.tenant_id = ANY (n.dedicated_tenants))
                                  END
                            ORDER BY e.created_at, e.id
                            LIMIT :max
                            FOR UPDATE OF e SKIP LOCKED
                        )
                        INSERT INTO execution_assignment (execution_id, tenant_id, node_id, claimed_at, lease_expires_at)
                        SELECT id, tenant_id, :node, :now, :until FROM candidate
                        ON CONFLICT (execution_id) DO NOTHING
                        RETURNING execution_id, tenant_id, node_id, claimed_at, lease_expires_at""")
                .bindArray("dedicated", String.class, dedicated)
                .bind("max", max)
                .bind("node", node.id().value())
                .bind("now", timestamp(now))
                .bind("until", timestamp(leaseUntil))
                .map((rs, ctx) -> lease(rs))
                .list());
    }

    @Override
    public int renew(NodeId node, Instant leaseUntil) {
        return transactions.acrossTenants(LEASES, handle -> handle.createUpdate("""
                        UPDATE execution_assignment SET lease_expires_at = GREATEST(lease_expires_at, :until)
                        WHERE node_id = :node""")
                .bind("node", node.value())
                .bind("until", timestamp(leaseUntil))
                .execute());
    }

    @Override
    public Optional<WorkLease> find(ExecutionId executionId) {
        return transactions.acrossTenants(LEASES, handle -> handle.createQuery(
                        "SELECT * FROM execution_assignment WHERE execution_id = :id")
                .bind("id", executionId.value())
                .map((rs, ctx) -> lease(rs))
                .findOne());
    }

    @Override
    public List<WorkLease> leasesOf(NodeId node) {
        return transactions.acrossTenants(LEASES, handle -> handle.createQuery(
                        "SELECT * FROM execution_assignment WHERE node_id = :node ORDER BY claimed_at, execution_id")
                .bind("node", node.value())
                .map((rs, ctx) -> lease(rs))
                .list());
    }

    @Override
    public List<WorkLease> expired(Instant now, int limit) {
        return transactions.acrossTenants(LEASES, handle -> handle.createQuery("""
                        SELECT * FROM execution_assignment WHERE lease_expires_at <= :now
                        ORDER BY lease_expires_at, execution_id LIMIT :limit""")
                .bind("now", timestamp(now))
                .bind("limit", limit)
                .map((rs, ctx) -> lease(rs))
                .list());
    }

    @Override
    public boolean release(WorkLease lease) {
        return transactions.acrossTenants(LEASES, handle -> handle.createUpdate(
                        "DELETE FROM execution_assignment WHERE execution_id = :id AND node_id = :node")
                .bind("id", lease.executionId().value())
                .bind("node", lease.nodeId().value())
                .execute()) > 0;
    }

    private static Node node(ResultSet rs) throws SQLException {
        Map<String, String> labels = new TreeMap<>();
        for (String entry : strings(rs.getArray("labels"))) {
            int equals = entry.indexOf('=');
            labels.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        Set<TenantId> dedicated = new HashSet<>();
        for (String tenant : strings(rs.getArray("dedicated_tenants"))) {
            dedicated.add(TenantId.of(tenant));
        }
        return new Node(NodeId.of(rs.getString("id")), rs.getInt("capacity"), labels,
                new HashSet<>(strings(rs.getArray("runtimes"))), dedicated, instant(rs, "registered_at"),
                instant(rs, "last_heartbeat"));
    }

    private static WorkLease lease(ResultSet rs) throws SQLException {
        return new WorkLease(ExecutionId.of(rs.getString("execution_id")), TenantId.of(rs.getString("tenant_id")),
                NodeId.of(rs.getString("node_id")), instant(rs, "claimed_at"), instant(rs, "lease_expires_at"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
