package ai.aegis.application.memory;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.TenantId;
import java.util.ArrayList;
import java.util.List;

/** The audit trail as a list. Thread-safe. */
public final class InMemoryAuditLogAdapter implements AuditLogPort {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
    }

    @Override
    public synchronized List<AuditRecord> listByTenant(TenantId tenantId, int limit) {
        List<AuditRecord> newestFirst = new ArrayList<>();
        for (int i = records.size() - 1; i >= 0 && newestFirst.size() < limit; i--) {
            if (records.get(i).tenantId().equals(tenantId)) {
                newestFirst.add(records.get(i));
            }
        }
        return newestFirst;
    }

    /** Every record in the order written, for assertions. */
    public synchronized List<AuditRecord> all() {
        return List.copyOf(records);
    }
}
