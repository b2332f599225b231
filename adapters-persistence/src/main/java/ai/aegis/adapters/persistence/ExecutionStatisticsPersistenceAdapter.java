package ai.aegis.adapters.persistence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts for operators' dashboards, across tenants: how many executions are pending or running,
 * by the plan their tenant was last seen on ({@code operator} for the platform tenant, {@code unknown}
 * for a tenant whose plan was never recorded). One indexed scan of {@code execution_active}.
 */
public final class ExecutionStatisticsPersistenceAdapter {

    /** Every plan a count can be reported under. */
    public static final List<String> PLANS = List.of("free", "pro", "business", "enterprise", "operator", "unknown");

    private final TenantTransactions transactions;

    public ExecutionStatisticsPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    /** Active (pending or running) executions by plan; plans without any are absent. */
    public Map<String, Long> activeByPlan() {
        return transactions.acrossTenants("operational metrics", handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            handle.createQuery("""
                            SELECT CASE WHEN a.tenant_id = 'aegis-system' THEN 'operator'
                                        ELSE coalesce(t.plan, 'unknown') END AS plan,
                                   count(*) AS active
                            FROM execution_active a LEFT JOIN tenant_account t ON t.tenant_id = a.tenant_id
                            GROUP BY 1""")
                    .map((rs, ctx) -> Map.entry(rs.getString("plan"), rs.getLong("active")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return counts;
        });
    }
}
