package ai.aegis.application.port.in;

import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * What one retention run did: the purges it made (one audit record each, in the tenant's own chain),
 * and the tenants it left untouched because their chain is broken where rows would have been removed
 * or because their storage was unavailable; the next run tries them again.
 */
public record AuditRetentionReport(List<AuditPurge> purges, List<TenantId> skipped) {

    public AuditRetentionReport {
        purges = List.copyOf(Objects.requireNonNull(purges, "purges"));
        skipped = List.copyOf(Objects.requireNonNull(skipped, "skipped"));
    }

    /** Rows removed across every tenant. */
    public long rowsRemoved() {
        return purges.stream().mapToLong(AuditPurge::rowsRemoved).sum();
    }
}
