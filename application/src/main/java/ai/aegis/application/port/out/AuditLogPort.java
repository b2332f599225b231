package ai.aegis.application.port.out;

import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The append-only audit trail. Every denial a use case makes is recorded here before it is raised. */
public interface AuditLogPort {

    void record(AuditRecord record);

    /**
     * Makes {@code change} and writes the record {@code recordOf} derives from its result as one
     * atomic unit, so that a change without its audit row, or a row without its change, cannot
     * exist: stores that share this log's transactions join it. When {@code change} or the record
     * fails, neither is kept and the failure propagates.
     */
    <T> T recordAtomically(Supplier<T> change, Function<T, AuditRecord> recordOf);

    /** The newest records of one tenant first, at most {@code limit}. */
    List<AuditRecord> listByTenant(TenantId tenantId, int limit);
}
