package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.port.in.ApplyAuditRetentionCommand;
import ai.aegis.application.port.in.AuditRetentionReport;
import ai.aegis.application.port.out.AuditRetentionPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class AuditRetentionServiceTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TenantId FREE = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    private static final TenantId PRO = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000002"));
    private static final TenantId BUSINESS = TenantId.of("business-org");
    private static final TenantId ENTERPRISE = TenantId.of("enterprise-org");
    private static final TenantId UNKNOWN = TenantId.of("unknown-org");

    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
    private final AuditRetentionService service = new AuditRetentionService(audit, accounts, overrides, clock);

    private static AuditRecord row(TenantId tenant, int daysAgo) {
        return new AuditRecord("user-1", TenantScope.kindOf(tenant), tenant, "tool.call", Optional.of(daysAgo + "d"),
                AuditDecision.ALLOWED, "policy.allowed", NOW.minus(Duration.ofDays(daysAgo)));
    }

    private void rows(TenantId tenant, int... daysAgo) {
        for (int days : daysAgo) {
            audit.record(row(tenant, days));
        }
    }

    private List<String> kept(TenantId tenant) {
        return audit.listByTenant(tenant, 1000).stream().filter(r -> r.action().equals("tool.call"))
                .map(r -> r.target().orElseThrow()).toList();
    }

    @Test
    void apply_eachPlan_keepsWhatItsPolicySays() {
        accounts.recordPlanSeen(FREE, ZaruTier.FREE, NOW);
        accounts.recordPlanSeen(PRO, ZaruTier.PRO, NOW);
        accounts.recordPlanSeen(BUSINESS, ZaruTier.BUSINESS, NOW);
        accounts.recordPlanSeen(ENTERPRISE, ZaruTier.ENTERPRISE, NOW);
        for (TenantId tenant : List.of(FREE, PRO, BUSINESS, ENTERPRISE, UNKNOWN, TenantScope.SYSTEM)) {
            rows(tenant, 800, 400, 100, 30, 8, 6, 0);
        }

        AuditRetentionReport report = service.apply(new ApplyAuditRetentionCommand());

        assertThat(kept(FREE)).containsExactly("0d", "6d");
        assertThat(kept(PRO)).containsExactly("0d", "6d");
        assertThat(kept(BUSINESS)).containsExactly("0d", "6d", "8d", "30d");
        assertThat(kept(ENTERPRISE)).containsExactly("0d", "6d", "8d", "30d", "100d");
        assertThat(kept(TenantScope.SYSTEM)).containsExactly("0d", "6d", "8d", "30d", "100d");
        assertThat(kept(UNKNOWN)).hasSize(7);
        assertThat(report.skipped()).isEmpty();
        assertThat(report.purges()).extracting(AuditPurge::tenantId)
                .containsExactlyInAnyOrder(FREE, PRO, BUSINESS, ENTERPRISE, TenantScope.SYSTEM);
        assertThat(report.rowsRemoved()).isEqualTo(5 + 5 + 3 + 2 + 2);
    }

    @Test
    void apply_purge_reportedOnceInTheTenantsOwnChain() {
        accounts.recordPlanSeen(BUSINESS, ZaruTier.BUSINESS, NOW);
        rows(BUSINESS, 200, 100, 1);

        service.apply(new ApplyAuditRetentionCommand());

        List<AuditRecord> reports = audit.all().stream().filter(r -> r.action().equals("audit.retention")).toList();
        assertThat(reports).hasSize(1);
        AuditRecord report = reports.get(0);
        assertThat(report.tenantId()).isEqualTo(BUSINESS);
        assertThat(report.actorSubject()).isEqualTo(AuditRetentionService.ACTOR);
        assertThat(report.actorKind()).isEqualTo(IdentityKind.OPERATOR);
        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.target().orElseThrow())
                .contains("removed 2 audit row(s) through row 2", NOW.minus(Duration.ofDays(100)).toString(), "90 days");
    }

    @Test
    void apply_twice_secondRemovesNothingAndWritesNoRecord() {
        accounts.recordPlanSeen(FREE, ZaruTier.FREE, NOW);
        rows(FREE, 30, 20, 1);
        service.apply(new ApplyAuditRetentionCommand());
        List<AuditRecord> afterFirst = audit.all();

        AuditRetentionReport second = service.apply(new ApplyAuditRetentionCommand());

        assertThat(second.purges()).isEmpty();
        assertThat(audit.all()).isEqualTo(afterFirst);
    }

    @Test
    void apply_tenantOverrideGrantsRetention_keepsForTheOverride() {
        accounts.recordPlanSeen(PRO, ZaruTier.PRO, NOW);
        overrides.setTenant(PRO, LimitOverrides.none().withAuditRetention(Duration.ofDays(60)));
        rows(PRO, 90, 50, 10);

        service.apply(new ApplyAuditRetentionCommand());

        assertThat(kept(PRO)).containsExactly("10d", "50d");
    }

    @Test
    void apply_oneTenantsChainBroken_skippedOthersStillPurged() {
        accounts.recordPlanSeen(FREE, ZaruTier.FREE, NOW);
        accounts.recordPlanSeen(PRO, ZaruTier.PRO, NOW);
        rows(FREE, 30);
        rows(PRO, 30);
        AuditRetentionPort refusingFree = new AuditRetentionPort() {
            @Override
            public List<TenantId> tenants() {
                return audit.tenants();
            }

            @Override
            public Optional<AuditPurge> purgeOlderThan(TenantId tenant, Instant cutoff,
                                                       Function<AuditPurge, AuditRecord> report) {
                if (tenant.equals(FREE)) {
                    throw new PreconditionFailedException("audit.chain_broken", "row 1 does not match");
                }
                return audit.purgeOlderThan(tenant, cutoff, report);
            }
        };

        AuditRetentionReport report = new AuditRetentionService(refusingFree, accounts, overrides, clock)
                .apply(new ApplyAuditRetentionCommand());

        assertThat(report.skipped()).containsExactly(FREE);
        assertThat(report.purges()).extracting(AuditPurge::tenantId).containsExactly(PRO);
        assertThat(kept(FREE)).containsExactly("30d");
    }

    @Property(tries = 200)
    void apply_anyPlanAndAges_removesExactlyTheRowsOlderThanTheCutoff(@ForAll ZaruTier tier,
                                                                       @ForAll("ages") List<Integer> ages) {
        InMemoryAuditLogAdapter log = new InMemoryAuditLogAdapter();
        InMemoryTenantAccountAdapter plans = new InMemoryTenantAccountAdapter();
        plans.recordPlanSeen(BUSINESS, tier, NOW);
        List<Integer> oldestFirst = ages.stream().sorted((x, y) -> Integer.compare(y, x)).toList();
        oldestFirst.forEach(days -> log.record(row(BUSINESS, days)));
        long keepDays = tier == ZaruTier.ENTERPRISE ? 365 : tier == ZaruTier.BUSINESS ? 90 : 7;

        new AuditRetentionService(log, plans, new InMemoryLimitOverridesAdapter(), new InMemoryClockAdapter(NOW))
                .apply(new ApplyAuditRetentionCommand());

        List<String> keptRows = log.all().stream().filter(r -> r.action().equals("tool.call"))
                .map(r -> r.target().orElseThrow()).toList();
        List<String> expected = oldestFirst.stream().filter(days -> days <= keepDays).map(days -> days + "d").toList();
        assertThat(keptRows).isEqualTo(expected);
        long reports = log.all().stream().filter(r -> r.action().equals("audit.retention")).count();
        assertThat(reports).isEqualTo(expected.size() < oldestFirst.size() ? 1 : 0);
    }

    @Provide
    Arbitrary<List<Integer>> ages() {
        return Arbitraries.integers().between(0, 1_000).list().ofMaxSize(30);
    }
}
