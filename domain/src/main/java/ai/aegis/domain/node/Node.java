package ai.aegis.domain.node;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A machine that runs agent executions (a container host), as it registered: how many executions
 * it runs at once, free-form labels, the runtimes it offers (for {@code aegis.runtime.list}), and
 * the tenants it is dedicated to. A node with dedicated tenants runs only their work; a tenant that
 * has a dedicated node has all its work run there (see {@link #mayRun}).
 *
 * <p>Invariants: capacity 1 to 10,000; runtime names and label keys are short printable words;
 * {@code registeredAt <= lastHeartbeat}.
 */
public record Node(NodeId id, int capacity, Map<String, String> labels, Set<String> runtimes,
        Set<TenantId> dedicatedTenants, Instant registeredAt, Instant lastHeartbeat) {

    /** The most executions one node may hold at once. */
    public static final int MAX_CAPACITY = 10_000;

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/+-]{0,63}");

    public Node {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(registeredAt, "registeredAt");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new InvalidInputException("node.capacity_invalid",
                    "a node's capacity is between 1 and " + MAX_CAPACITY + " executions");
        }
        labels = Map.copyOf(new TreeMap<>(Objects.requireNonNull(labels, "labels")));
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!WORD.matcher(label.getKey()).matches() || label.getValue().length() > 256) {
                throw new InvalidInputException("node.label_invalid",
                        "node label keys are short words and values at most 256 characters");
            }
        }
        runtimes = Set.copyOf(new TreeSet<>(Objects.requireNonNull(runtimes, "runtimes")));
        for (String runtime : runtimes) {
            if (!WORD.matcher(runtime).matches()) {
                throw new InvalidInputException("node.runtime_invalid",
                        "a runtime is named by a short word such as python:3.12 or bash");
            }
        }
        dedicatedTenants = Set.copyOf(Objects.requireNonNull(dedicatedTenants, "dedicatedTenants"));
        if (lastHeartbeat.isBefore(registeredAt)) {
            throw new IllegalArgumentException("a node's last heartbeat cannot precede its registration");
        }
    }

    /** A node registering (or re-registering) at {@code now}. */
    public static Node register(NodeId id, int capacity, Map<String, String> labels, Set<String> runtimes,
            Set<TenantId> dedicatedTenants, Instant now) {
        return new Node(id, capacity, labels, runtimes, dedicatedTenants, now, now);
    }

    /** True when the node runs only the work of its dedicated tenants. */
    public boolean isDedicated() {
        return !dedicatedTenants.isEmpty();
    }

    /**
     * Whether this node may run work of {@code tenant}: a dedicated node only its own tenants'
     * work; any other node every tenant's work except that of tenants with a dedicated node
     * ({@code tenantsWithDedicatedNodes}).
     */
    public boolean mayRun(TenantId tenant, Set<TenantId> tenantsWithDedicatedNodes) {
        Objects.requireNonNull(tenant, "tenant");
        if (isDedicated()) {
            return dedicatedTenants.contains(tenant);
        }
        return !tenantsWithDedicatedNodes.contains(tenant);
    }

    /** The node after a heartbeat at {@code now} (never moves backwards). */
    public Node heartbeatAt(Instant now) {
        Instant at = now.isAfter(lastHeartbeat) ? now : lastHeartbeat;
        return new Node(id, capacity, labels, runtimes, dedicatedTenants, registeredAt, at);
    }

    /** True when the node's last heartbeat is younger than {@code leaseTtl} at {@code now}. */
    public boolean isAliveAt(Instant now, Duration leaseTtl) {
        return now.isBefore(lastHeartbeat.plus(leaseTtl));
    }
}
