package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ExecutionRecordRemovalPort;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Removes an ended execution tree from PostgreSQL: its {@code iteration_event} rows, then every
 * {@code execution} row of the tree in one statement (the tree's own foreign keys are checked at
 * the end of the statement, so parents and children leave together), in one transaction scoped to
 * the tenant. The tree's rows are locked first, so the check that every member has ended and the
 * removal see the same rows.
 */
public final class ExecutionRecordRemovalPersistenceAdapter implements ExecutionRecordRemovalPort {

    private final TenantTransactions transactions;

    public ExecutionRecordRemovalPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
    }

    @Override
    public int removeEndedTree(TenantId tenantId, ExecutionId rootId) {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(rootId, "rootId");
        return transactions.inTenant(tenantId, handle -> {
            List<Map.Entry<String, String>> members = handle.createQuery("""
                            SELECT id, status FROM execution WHERE tenant_id = :tenant AND root_id = :root
                            ORDER BY depth, id FOR UPDATE""")
                    .bind("tenant", tenantId.value())
                    .bind("root", rootId.value())
                    .map((rs, ctx) -> Map.entry(rs.getString("id"), rs.getString("status")))
                    .list();
            for (Map.Entry<String, String> member : members) {
                if (member.getValue().equals("PENDING") || member.getValue().equals("RUNNING")) {
                    throw new PreconditionFailedException("execution.active", "execution " + member.getKey()
                            + " of tree " + rootId + " is still " + member.getValue() + "; cancel the tree or wait for "
                            + "it to end before removing its records");
                }
            }
            if (members.isEmpty()) {
                return 0;
            }
            handle.createUpdate("""
                            DELETE FROM iteration_event WHERE tenant_id = :tenant AND execution_id IN (
                                SELECT id FROM execution WHERE tenant_id = :tenant AND root_id = :root)""")
                    .bind("tenant", tenantId.value())
                    .bind("root", rootId.value())
                    .execute();
            List<String> contexts = handle.createQuery("SELECT DISTINCT encode(context_digest, 'hex') FROM execution"
                            + " WHERE tenant_id = :tenant AND root_id = :root")
                    .bind("tenant", tenantId.value())
                    .bind("root", rootId.value())
                    .mapTo(String.class)
                    .list();
            int removed = handle.createUpdate("DELETE FROM execution WHERE tenant_id = :tenant AND root_id = :root")
                    .bind("tenant", tenantId.value())
                    .bind("root", rootId.value())
                    .execute();
            // The tree's security contexts go with it, unless another execution of the tenant still names one.
            handle.createUpdate("""
                            DELETE FROM execution_context c
                            WHERE c.tenant_id = :tenant
                              AND c.digest IN (SELECT decode(h, 'hex') FROM unnest(CAST(:digests AS TEXT[])) AS h)
                              AND NOT EXISTS (SELECT 1 FROM execution e
                                              WHERE e.tenant_id = c.tenant_id AND e.context_digest = c.digest)""")
                    .bind("tenant", tenantId.value())
                    .bindArray("digests", String.class, contexts)
                    .execute();
            return removed;
        });
    }
}
