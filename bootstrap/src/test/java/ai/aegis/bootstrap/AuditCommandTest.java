package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {

    @TempDir
    Path dataDirectory;

    private final StringWriter out = new StringWriter();

    private int verify() {
        out.getBuffer().setLength(0);
        CommandLine cli = AegisMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        return cli.execute("audit", "verify", "--data-dir", dataDirectory.toString());
    }

    private void withDatabase(Consumer<PostgresPersistence> work) {
        try (Database database = Database.embedded(DataDirectory.prepare(dataDirectory));
             PostgresPersistence persistence = Migrations.open(database)) {
            work.accept(persistence);
        }
    }

    private void withOwner(Consumer<org.jdbi.v3.core.Jdbi> work) {
        try (Database database = Database.embedded(DataDirectory.prepare(dataDirectory))) {
            Migrations.open(database).close();
            work.accept(org.jdbi.v3.core.Jdbi.create(database.settings().url(), "postgres", ""));
        }
    }

    @Test
    void verify_intactChains_exitsZero_thenEditedRow_exitsOneNamingIt() {
        withDatabase(persistence -> {
            AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(persistence.jdbi());
            for (int i = 0; i < 3; i++) {
                audit.record(new AuditRecord("alice", IdentityKind.ZARU_USER, TenantId.of("acme-labs"), "tool.call",
                        Optional.of("aegis.tools.list"), AuditDecision.ALLOWED, "policy.allowed",
                        Instant.parse("2026-11-28T10:00:00Z").plusSeconds(i)));
            }
        });

        assertThat(verify()).isZero();
        assertThat(out.toString()).contains("ok: 1 tenant chain(s) intact");

        // Tampering needs the tables' owner: the service's own role may not update audit rows at all.
        withOwner(owner -> owner.useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            h.execute("UPDATE audit_log SET decision = 'denied' WHERE seq = 2");
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
        }));

        assertThat(verify()).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN: tenant acme-labs, audit row 2");
    }

    @Test
    void verify_afterRetentionRemovedOldRows_exitsZero_thenEditedKeptRow_exitsOneNamingIt() {
        TenantId tenant = TenantId.of("acme-labs");
        withDatabase(persistence -> {
            AuditLogPersistenceAdapter audit = new AuditLogPersistenceAdapter(persistence.jdbi());
            for (int i = 0; i < 5; i++) {
                audit.record(new AuditRecord("alice", IdentityKind.ZARU_USER, tenant, "tool.call",
                        Optional.of("aegis.tools.list"), AuditDecision.ALLOWED, "policy.allowed",
                        Instant.parse("2025-01-01T00:00:00Z").plus(java.time.Duration.ofDays(30L * i))));
            }
            Instant now = Instant.parse("2025-06-01T00:00:00Z");
            new ai.aegis.adapters.persistence.TenantAccountPersistenceAdapter(persistence.jdbi())
                    .recordPlanSeen(tenant, ai.aegis.domain.identity.ZaruTier.BUSINESS, now);
            ai.aegis.application.port.in.AuditRetentionReport report = new ai.aegis.application.service.AuditRetentionService(
                    new ai.aegis.adapters.persistence.AuditRetentionPersistenceAdapter(persistence.jdbi()),
                    new ai.aegis.adapters.persistence.TenantAccountPersistenceAdapter(persistence.jdbi()),
                    new ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter(persistence.jdbi()), () -> now)
                    .apply(new ai.aegis.application.port.in.ApplyAuditRetentionCommand());
            // Rows from January, February and March are older than 90 days on June 1st.
            assertThat(report.rowsRemoved()).isEqualTo(3);
        });

        assertThat(verify()).isZero();
        assertThat(out.toString()).contains("ok: 1 tenant chain(s) intact", "1 chain(s) start after a retention mark");

        withOwner(owner -> owner.useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            h.execute("UPDATE audit_log SET actor_subject = 'mallory' WHERE seq = 4");
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
        }));

        assertThat(verify()).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN: tenant acme-labs, audit row 4");
    }
}
