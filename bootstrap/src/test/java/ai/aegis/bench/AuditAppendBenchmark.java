package ai.aegis.bench;

import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Audit appends in PostgreSQL with the tamper-evident hash chain: each append takes its tenant's
 * chain lock, reads the tenant's last hash and inserts the next row in one committed transaction.
 * {@code oneTenantOneThread}: a single writer on one chain. {@code eightTenantsFourThreads}: four
 * threads, each append going to the next of eight tenants in turn, so appends of different
 * tenants proceed together and appends of one tenant queue on its chain. The score is the total
 * over all threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AuditAppendBenchmark {

    private static final int TENANTS = 8;

    private BenchDatabase database;
    private AuditLogPersistenceAdapter auditLog;
    private final TenantId[] tenants = new TenantId[TENANTS];
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void startDatabase() {
        database = BenchDatabase.start();
        auditLog = new AuditLogPersistenceAdapter(database.jdbi());
        for (int i = 0; i < TENANTS; i++) {
            tenants[i] = TenantId.consumer(UUID.nameUUIDFromBytes(("audit-bench-" + i).getBytes()));
        }
    }

    private AuditRecord record(TenantId tenant) {
        return new AuditRecord("7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01", IdentityKind.ZARU_USER, tenant,
                "execution.report_iteration", Optional.of("exec-0000000000000001"), AuditDecision.ALLOWED, "allowed",
                ExecutionBenchSupport.CLOCK.now());
    }

    @Benchmark
    @Threads(1)
    public void oneTenantOneThread() {
        auditLog.record(record(tenants[0]));
    }

    @Benchmark
    @Threads(4)
    public void eightTenantsFourThreads() {
        auditLog.record(record(tenants[Math.floorMod(next.getAndIncrement(), TENANTS)]));
    }

    @TearDown(Level.Trial)
    public void stopDatabase() {
        database.close();
    }
}
