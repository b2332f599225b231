package ai.aegis.application.memory;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.AuditRetentionPort;
import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The audit trail as a list, with retention: a tenant's chain positions count from 1 across
 * removals, as in the database. Thread-safe.
 */
public final class InMemoryAuditLogAdapter implements AuditLogPort, AuditRetentionPort {

    private final List<AuditRecord> records = new ArrayList<>();
    private final Map<TenantId, Long> removedThrough = new HashMap<>();

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

    @Override
    public synchronized List<TenantId> tenants() {
        TreeSet<TenantId> tenants = new TreeSet<>(Comparator.comparing(TenantId::value));
        records.forEach(record -> tenants.add(record.tenantId()));
        tenants.addAll(removedThrough.keySet());
        return List.copyOf(tenants);
    }

    @Override
    public synchronized Optional<AuditPurge> purgeOlderThan(TenantId tenant, Instant cutoff,
                                                            Function<AuditPurge, AuditRecord> report) {
        List<AuditRecord> run = new ArrayList<>();
        for (AuditRecord record : records) {
            if (record.tenantId().equals(tenant)) {
                if (!record.at().isBefore(cutoff)) {
                    break;
                }
                run.add(record);
            }
        }
        if (run.isEmpty()) {
            return Optional.empty();
        }
        long through = removedThrough.getOrDefault(tenant, 0L) + run.size();
        AuditPurge purge = new AuditPurge(tenant, run.size(), through, run.get(run.size() - 1).at());
        AuditRecord reported = report.apply(purge);
        if (!reported.tenantId().equals(tenant)) {
            throw new IllegalArgumentException("a purge is reported in the purged tenant's own chain");
        }
        // Identity, not equals: two identical records may both be in the log.
        for (AuditRecord removed : run) {
            for (int i = 0; i < records.size(); i++) {
                if (records.get(i) == removed) {
                    records.remove(i);
                    break;
                }
            }
        }
        removedThrough.put(tenant, through);
        records.add(reported);
        return Optional.of(purge);
    }
}
