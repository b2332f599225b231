package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.AuditRetentionPortContract;
import ai.aegis.application.port.in.ApplyAuditRetentionCommand;
import ai.aegis.application.port.in.AuditRetentionReport;
import ai.aegis.application.service.AuditRetentionService;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retention contract against PostgreSQL as the service's own role, plus what only the database
 * adds: the hash chain stays verifiable from the retention mark, concurrent runs from separate pools
 * remove each row once, and the database's own floor of seven days.
 */
class AuditRetentionPersistenceAdapterTest extends AuditRetentionPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private static final TenantId ORG = TenantId.of("acme-labs");
    private static final TenantId OTHER = TenantId.of("globex-corp");

    private AuditLogPersistenceAdapter audit;
    private AuditRetentionPersistenceAdapter retention;
    private TenantAccountPersistenceAdapter accounts;

    @Override
    protected Ports newPorts() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE audit_log, audit_retention_mark, tenant_account"));
        Jdbi jdbi = DATABASE.persistence().jdbi();
        audit = new AuditLogPersistenceAdapter(jdbi);
        retention = new AuditRetentionPersistenceAdapter(jdbi);
        accounts = new TenantAccountPersistenceAdapter(jdbi);
        return new Ports(audit, retention);
    }

    private AuditRetentionService service(Jdbi jdbi, Instant now) {
        return new AuditRetentionService(new AuditRetentionPersistenceAdapter(jdbi), new TenantAccountPersistenceAdapter(jdbi),
                new LimitOverridesPersistenceAdapter(jdbi), () -> now);
    }

    private void tamper(String sql) {
        DATABASE.owner().useHandle(h -> {
            h.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update");
            h.execute(sql);
            h.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update");
        });
    }

    private long rows(TenantId tenant) {
        return DATABASE.owner().withHandle(h -> h.createQuery("SELECT count(*) FROM audit_log WHERE tenant_id = ?")
                .bind(0, tenant.value()).mapTo(Long.class).one());
    }

    private List<Long> marks(TenantId tenant) {
        return DATABASE.owner().withHandle(h -> h.createQuery(
                        "SELECT through_seq FROM audit_retention_mark WHERE tenant_id = ?")
                .bind(0, tenant.value()).mapTo(Long.class).list());
    }

    /**
     * Random chains under random plans: after retention the chain verifies from its mark, the rows
     * removed are exactly those older than the cutoff, a second run changes nothing, and editing a
     * kept row is still found.
     */
    @Test
    void applyRetention_randomChainsAndPlans_verifiesRemovesExactlyTheOldIdempotentTamperFound() {
        Random random = new Random(20261128L);
        Instant now = Instant.parse("2025-09-01T00:00:00Z");
        for (int round = 0; round < 12; round++) {
            newPorts();
            ZaruTier tier = ZaruTier.values()[random.nextInt(ZaruTier.values().length)];
            accounts.recordPlanSeen(ORG, tier, now);
            accounts.recordPlanSeen(OTHER, ZaruTier.FREE, now);
            int count = 1 + random.nextInt(25);
            List<Instant> times = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                times.add(now.minus(Duration.ofHours(random.nextInt(500 * 24))).truncatedTo(ChronoUnit.MICROS));
            }
            times.sort(null);
            for (int i = 0; i < count; i++) {
                audit.record(record(ORG, times.get(i), "row-" + i));
            }
            audit.record(record(OTHER, now.minus(Duration.ofDays(30)), "other-old"));
            long keepDays = tier == ZaruTier.ENTERPRISE ? 365 : tier == ZaruTier.BUSINESS ? 90 : 7;
            Instant cutoff = now.minus(Duration.ofDays(keepDays));
            long old = times.stream().filter(t -> t.isBefore(cutoff)).count();

            AuditRetentionReport first = service(DATABASE.persistence().jdbi(), now).apply(new ApplyAuditRetentionCommand());

            assertThat(audit.firstBrokenLink(ORG)).as("round %d", round).isEmpty();
            assertThat(audit.firstBrokenLink(OTHER)).isEmpty();
            List<String> kept = audit.listByTenant(ORG, 1000).stream().filter(r -> r.action().equals("tool.call"))
                    .map(r -> r.target().orElseThrow()).toList();
            assertThat(kept).hasSize((int) (count - old));
            assertThat(audit.listByTenant(ORG, 1000).stream().filter(r -> r.action().equals("tool.call"))
                    .allMatch(r -> !r.at().isBefore(cutoff))).isTrue();
            assertThat(marks(ORG)).isEqualTo(old == 0 ? List.of() : List.of(old));
            assertThat(first.skipped()).isEmpty();

            long rowsAfterFirst = rows(ORG);
            AuditRetentionReport second = service(DATABASE.persistence().jdbi(), now).apply(new ApplyAuditRetentionCommand());
            assertThat(second.purges()).isEmpty();
            assertThat(rows(ORG)).isEqualTo(rowsAfterFirst);
            assertThat(marks(ORG)).isEqualTo(old == 0 ? List.of() : List.of(old));

            long firstKept = old + 1;
            tamper("UPDATE audit_log SET reason_code = 'policy.edited' WHERE tenant_id = 'acme-labs' AND seq = "
                    + firstKept);
            assertThat(audit.firstBrokenLink(ORG)).contains(firstKept);
        }
    }

    @Test
    void verify_keptRowMissingAfterRetention_namesTheGap() {
        Ports ports = newPorts();
        for (int i = 0; i < 6; i++) {
            ports.log().record(record(ORG, day(i), "row-" + i));
        }
        retention.purgeOlderThan(ORG, day(3), reportAt(day(200)));
        assertThat(audit.firstBrokenLink(ORG)).isEmpty();

        DATABASE.owner().useHandle(h -> h.execute("DELETE FROM audit_log WHERE tenant_id = 'acme-labs' AND seq = 5"));

        assertThat(audit.firstBrokenLink(ORG)).contains(5L);
    }

    @Test
    void verify_firstKeptRowRemovedBehindTheMark_namesIt() {
        Ports ports = newPorts();
        for (int i = 0; i < 5; i++) {
            ports.log().record(record(ORG, day(i), "row-" + i));
        }
        retention.purgeOlderThan(ORG, day(2), reportAt(day(200)));

        DATABASE.owner().useHandle(h -> h.execute("DELETE FROM audit_log WHERE tenant_id = 'acme-labs' AND seq = 3"));

        assertThat(audit.firstBrokenLink(ORG)).contains(3L);
    }

    @Test
    void verify_markRemovedByHand_chainNoLongerVerifies() {
        Ports ports = newPorts();
        for (int i = 0; i < 4; i++) {
            ports.log().record(record(ORG, day(i), "row-" + i));
        }
        retention.purgeOlderThan(ORG, day(2), reportAt(day(200)));

        DATABASE.owner().useHandle(h -> h.execute("DELETE FROM audit_retention_mark"));

        assertThat(audit.firstBrokenLink(ORG)).contains(1L);
    }

    @Test
    void purge_rowInTheOldRunEdited_refusedAndNothingRemoved() {
        Ports ports = newPorts();
        for (int i = 0; i < 4; i++) {
            ports.log().record(record(ORG, day(i), "row-" + i));
        }
        tamper("UPDATE audit_log SET decision = 'denied' WHERE tenant_id = 'acme-labs' AND seq = 2");

        assertThatThrownBy(() -> retention.purgeOlderThan(ORG, day(3), reportAt(day(200))))
                .isInstanceOf(PreconditionFailedException.class)
                .extracting(e -> ((PreconditionFailedException) e).code()).isEqualTo("audit.chain_broken");
        assertThat(rows(ORG)).isEqualTo(4);
        assertThat(marks(ORG)).isEmpty();
    }

    @Test
    void record_afterEveryRowWasRemoved_continuesTheChainFromTheMark() {
        Ports ports = newPorts();
        for (int i = 0; i < 3; i++) {
            ports.log().record(record(ORG, day(i), "row-" + i));
        }
        // The function alone, without the report the adapter appends: the tenant is left with no row.
        new TenantTransactions(DATABASE.persistence().jdbi()).inTenant(ORG, h -> h.createQuery(
                        "SELECT out_removed FROM aegis_apply_audit_retention(:tenant, :cutoff)")
                .bind("tenant", ORG.value())
                .bind("cutoff", OffsetDateTime.ofInstant(day(10), ZoneOffset.UTC))
                .mapTo(Long.class).one());
        assertThat(rows(ORG)).isZero();
        assertThat(retention.tenants()).contains(ORG);

        ports.log().record(record(ORG, day(11), "after"));

        assertThat(audit.firstBrokenLink(ORG)).isEmpty();
        assertThat(audit.retainedAfter(ORG)).contains(3L);
        long seq = DATABASE.owner().withHandle(h -> h.createQuery("SELECT seq FROM audit_log WHERE tenant_id = 'acme-labs'")
                .mapTo(Long.class).one());
        assertThat(seq).isEqualTo(4L);
    }

    @Test
    void purge_cutoffWithinTheLastSevenDays_databaseKeepsTheRecentRows() {
        Ports ports = newPorts();
        // Real time on purpose: the floor is the database's own clock, whatever the service asks.
        Instant realNow = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ports.log().record(record(ORG, realNow.minus(Duration.ofDays(30)), "month-old"));
        ports.log().record(record(ORG, realNow.minus(Duration.ofDays(3)), "days-old"));

        retention.purgeOlderThan(ORG, realNow.plus(Duration.ofDays(1)), reportAt(realNow));

        assertThat(ports.log().listByTenant(ORG, 10)).extracting(r -> r.target().orElseThrow())
                .contains("days-old").doesNotContain("month-old");
        assertThat(marks(ORG)).containsExactly(1L);
    }

    @Test
    void applyRetention_fromTwoPoolsAtOnce_removesEachRowOnceOneMarkOneReport() throws Exception {
        newPorts();
        Instant now = Instant.parse("2025-09-01T00:00:00Z");
        accounts.recordPlanSeen(ORG, ZaruTier.BUSINESS, now);
        for (int i = 0; i < 40; i++) {
            audit.record(record(ORG, now.minus(Duration.ofDays(200 - i * 5L)), "row-" + i));
        }
        long old = 0;
        for (int i = 0; i < 40; i++) {
            if (now.minus(Duration.ofDays(200 - i * 5L)).isBefore(now.minus(Duration.ofDays(90)))) {
                old++;
            }
        }
        try (PostgresPersistence second = PostgresPersistence.start(
                DATABASE.settings().withAppRole(PostgresPersistence.APP_ROLE))) {
            List<AuditRetentionService> services = List.of(service(DATABASE.persistence().jdbi(), now),
                    service(second.jdbi(), now));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<AuditRetentionReport>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                AuditRetentionService service = services.get(i % 2);
                runs.add(pool.submit(() -> {
                    start.await();
                    return service.apply(new ApplyAuditRetentionCommand());
                }));
            }
            start.countDown();
            long removed = 0;
            for (Future<AuditRetentionReport> run : runs) {
                removed += run.get(60, TimeUnit.SECONDS).rowsRemoved();
            }
            pool.shutdown();

            assertThat(removed).isEqualTo(old);
        }
        assertThat(marks(ORG)).containsExactly(old);
        assertThat(audit.listByTenant(ORG, 1000)).filteredOn(r -> r.action().equals("audit.retention")).hasSize(1);
        assertThat(audit.firstBrokenLink(ORG)).isEmpty();
    }

    @Test
    void applyRetention_oneTenant_otherTenantsChainAndRowsUntouched() {
        newPorts();
        Instant now = Instant.parse("2025-09-01T00:00:00Z");
        accounts.recordPlanSeen(ORG, ZaruTier.FREE, now);
        // OTHER's plan is unknown: everything is kept.
        for (int i = 0; i < 5; i++) {
            audit.record(record(ORG, now.minus(Duration.ofDays(50 - i)), "org-" + i));
            audit.record(record(OTHER, now.minus(Duration.ofDays(50 - i)), "other-" + i));
        }
        List<AuditRecord> otherBefore = audit.listByTenant(OTHER, 100);

        service(DATABASE.persistence().jdbi(), now).apply(new ApplyAuditRetentionCommand());

        assertThat(audit.listByTenant(OTHER, 100)).isEqualTo(otherBefore);
        assertThat(marks(OTHER)).isEmpty();
        assertThat(audit.firstBrokenLink(OTHER)).isEmpty();
        assertThat(rows(ORG)).isEqualTo(1);
        assertThat(audit.firstBrokenLink(ORG)).isEmpty();
    }
}
