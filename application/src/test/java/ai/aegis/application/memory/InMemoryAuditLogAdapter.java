package ai.aegis.application.memory;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The audit trail as a list. Thread-safe. */
public final class InMemoryAuditLogAdapter implements AuditLogPort {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
    }

    /**
     * In memory there is no transaction to join: the change runs, then its record is appended.
     * The twins of the stores write at once, so a failed change has written nothing only when it
     * failed before writing, which is how the in-memory stores fail.
     */
    @Override
    public <T> T recordAtomically(Supplier<T> change, Function<T, AuditRecord> recordOf) {
        T result = change.get();
        record(recordOf.apply(result));
        return result;
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
