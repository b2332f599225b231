package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.AuditLogPortContract;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit port contract against PostgreSQL, plus what only the database adds: the hash chain. */
class AuditLogPersistenceAdapterTest extends AuditLogPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();
    private static final TenantId TENANT = TenantId.of("acme-labs");

    @Override
    protected AuditLogPort newAuditLog() {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE audit_log"));
        return new AuditLogPersistenceAdapter(DATABASE.persistence().jdbi());
    }

    private static AuditRecord record(String action, int second) {
        return new AuditRecord("alice", IdentityKind.ZARU_USER, TENANT, action, Optional.of("aegis.task.execute"),
                AuditDecision.DENIED, "policy.no_capability", Instant.parse("2026-11-28T10:00:00Z").plusSeconds(second));
    }

    @Test
    void firstBrokenLink_untouchedChain_empty() {
        AuditLogPersistenceAdapter audit = (AuditLogPersistenceAdapter) newAuditLog();
        for (int i = 0; i < 5; i++) {
            audit.record(record("tool.call", i));
        }

        assertThat(audit.firstBrokenLink(TENANT)).isEmpty();
    }

    @Test
    void firstBrokenLink_rowEditedBehindTheTriggersBack_namesThatRow() {
        AuditLogPersistenceAdapter audit = (AuditLogPersistenceAdapter) newAuditLog();
        for (int i = 0; i < 5; i++) {
            audit.record(record("tool.call", i));
        }
        DATABASE.persistence().jdbi().useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            h.execute("UPDATE audit_log SET reason_code = 'policy.allowed' WHERE tenant_id = 'acme-labs' AND seq = 3");
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
        });

        assertThat(audit.firstBrokenLink(TENANT)).contains(3L);
    }

    @Test
    void firstBrokenLink_rowDeleted_namesTheGap() {
        AuditLogPersistenceAdapter audit = (AuditLogPersistenceAdapter) newAuditLog();
        for (int i = 0; i < 4; i++) {
            audit.record(record("tool.call", i));
        }
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("DELETE FROM audit_log WHERE tenant_id = 'acme-labs' AND seq = 2"));

        assertThat(audit.firstBrokenLink(TENANT)).contains(2L);
    }

    @Test
    void record_concurrentWritersOfOneTenant_chainStaysLinear() throws Exception {
        AuditLogPersistenceAdapter audit = (AuditLogPersistenceAdapter) newAuditLog();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            int second = i;
            writes.add(pool.submit(() -> audit.record(record("tool.call", second))));
        }
        for (Future<?> write : writes) {
            write.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(audit.listByTenant(TENANT, 1000)).hasSize(80);
        assertThat(audit.firstBrokenLink(TENANT)).isEmpty();
    }
}
