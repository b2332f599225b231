package ai.aegis.application.port.out;

import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.TenantId;
import java.util.List;

/** The append-only audit trail. Every denial a use case makes is recorded here before it is raised. */
public interface AuditLogPort {

    void record(AuditRecord record);

    /** The newest records of one tenant first, at most {@code limit}. */
    List<AuditRecord> listByTenant(TenantId tenantId, int limit);
}
