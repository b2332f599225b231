package ai.aegis.domain.audit;

import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * What one retention run removed from a tenant's audit chain: {@code rowsRemoved} rows ending with
 * chain position {@code throughSequence}, the last of which occurred at {@code throughTime}. Rows
 * are only ever removed from the start of the chain, so everything up to {@code throughSequence} is
 * gone and the chain continues, verifiably, from the next row.
 *
 * <p>Invariants: at least one row was removed, and no more than the chain held up to its end.
 */
public record AuditPurge(TenantId tenantId, long rowsRemoved, long throughSequence, Instant throughTime) {

    public AuditPurge {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(throughTime, "throughTime");
        if (rowsRemoved < 1 || throughSequence < rowsRemoved) {
            throw new IllegalArgumentException("a purge removes at least one row and at most " + throughSequence
                    + " rows through row " + throughSequence + ", not " + rowsRemoved);
        }
    }

    /** A short sentence for the audit record that reports the purge. */
    public String describe() {
        return "removed " + rowsRemoved + " audit row(s) through row " + throughSequence + ", the last from "
                + throughTime;
    }
}
