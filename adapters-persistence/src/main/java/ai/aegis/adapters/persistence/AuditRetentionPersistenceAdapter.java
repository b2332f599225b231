package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.AuditRetentionPort;
import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * Audit retention in PostgreSQL. The service's role cannot delete audit rows; removal goes through
 * the {@code aegis_apply_audit_retention} function (migration V8), which removes a tenant's oldest
 * run of rows under the tenant's chain lock and moves its retention mark. Before that, in the same
 * transaction and under the same lock, this adapter checks the rows about to go against the hash
 * chain, so retention never erases the evidence of tampering; and the audit record reporting the
 * purge is appended in that transaction too.
 */
public final class AuditRetentionPersistenceAdapter implements AuditRetentionPort {

    private final TenantTransactions transactions;
    private final AuditLogPersistenceAdapter auditLog;

    public AuditRetentionPersistenceAdapter(Jdbi jdbi) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
        this.auditLog = new AuditLogPersistenceAdapter(jdbi);
    }

    @Override
    public List<TenantId> tenants() {
        return auditLog.tenants();
    }

    @Override
    public Optional<AuditPurge> purgeOlderThan(TenantId tenant, Instant cutoff, Function<AuditPurge, AuditRecord> report) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(report, "report");
        OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
        return transactions.inTenant(tenant, handle -> {
            AuditLogPersistenceAdapter.lockChain(handle, tenant);
            Optional<Long> lastOld = handle.createQuery(
                            "SELECT max(seq) FROM audit_log WHERE tenant_id = :tenant AND occurred_at < :cutoff")
                    .bind("tenant", tenant.value())
                    .bind("cutoff", before)
                    .mapTo(Long.class)
                    .findOne();
            if (lastOld.isEmpty()) {
                return Optional.<AuditPurge>empty();
            }
            Optional<Long> broken = AuditLogPersistenceAdapter.firstBrokenLink(handle, tenant, lastOld.get());
            if (broken.isPresent()) {
                throw new PreconditionFailedException("audit.chain_broken", "audit row " + broken.get() + " of tenant "
                        + tenant + " does not match its hash chain, so retention removes nothing from this tenant; "
                        + "run 'aegis audit verify' and investigate before the rows are removed");
            }
            Optional<AuditPurge> purge = handle.createQuery(
                            "SELECT out_removed, out_through_seq, out_through_at FROM aegis_apply_audit_retention(:tenant, :cutoff)")
                    .bind("tenant", tenant.value())
                    .bind("cutoff", before)
                    .map((rs, ctx) -> new AuditPurge(tenant, rs.getLong("out_removed"), rs.getLong("out_through_seq"),
                            rs.getObject("out_through_at", OffsetDateTime.class).toInstant()))
                    .findOne();
            if (purge.isPresent()) {
                AuditRecord reported = report.apply(purge.get());
                if (!reported.tenantId().equals(tenant)) {
                    throw new IllegalArgumentException("a purge is reported in the purged tenant's own chain");
                }
                AuditLogPersistenceAdapter.append(handle, reported);
            }
            return purge;
        });
    }
}
