package ai.aegis.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.AuditRetentionPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditPurge;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** What every {@link AuditRetentionPort} adapter must do, seen through the audit log it shares storage with. */
public abstract class AuditRetentionPortContract {

    /** The two faces of one audit store. */
    public record Ports(AuditLogPort log, AuditRetentionPort retention) {
    }

    /** A fresh, empty audit store. */
    protected abstract Ports newPorts();

    /** Well in the past, so no database-side floor on what may be removed applies. */
    public static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    protected static final TenantId A = ContractFixtures.TENANT_A;
    protected static final TenantId B = ContractFixtures.TENANT_B;

    protected static AuditRecord record(TenantId tenant, Instant at, String target) {
        return new AuditRecord("user-1", IdentityKind.ZARU_USER, tenant, "tool.call", Optional.of(target),
                AuditDecision.ALLOWED, "policy.allowed", at);
    }

    protected static Function<AuditPurge, AuditRecord> reportAt(Instant at) {
        return purge -> new AuditRecord("aegis-retention", IdentityKind.OPERATOR, purge.tenantId(), "audit.retention",
                Optional.of(purge.describe()), AuditDecision.ALLOWED, "retention.applied", at);
    }

    protected static Instant day(int n) {
        return T0.plus(Duration.ofDays(n));
    }

    @Test
    void purge_rowsOlderThanCutoff_removesExactlyThoseAndReportsInTheTenantsChain() {
        Ports ports = newPorts();
        for (int i = 0; i < 5; i++) {
            ports.log().record(record(A, day(i), "row-" + i));
        }

        Optional<AuditPurge> purge = ports.retention().purgeOlderThan(A, day(3), reportAt(day(100)));

        assertThat(purge).contains(new AuditPurge(A, 3, 3, day(2)));
        List<AuditRecord> kept = ports.log().listByTenant(A, 100);
        assertThat(kept).extracting(r -> r.target().orElseThrow())
                .containsExactly(purge.get().describe(), "row-4", "row-3");
        assertThat(kept.get(0).action()).isEqualTo("audit.retention");
    }

    @Test
    void purge_rowExactlyAtCutoff_kept() {
        Ports ports = newPorts();
        ports.log().record(record(A, day(0), "old"));
        ports.log().record(record(A, day(1), "at-cutoff"));

        assertThat(ports.retention().purgeOlderThan(A, day(1), reportAt(day(100)))).contains(new AuditPurge(A, 1, 1, day(0)));
        assertThat(ports.log().listByTenant(A, 10)).extracting(r -> r.target().orElseThrow()).contains("at-cutoff")
                .doesNotContain("old");
    }

    @Test
    void purge_twiceWithSameCutoff_secondRemovesNothingAndWritesNothing() {
        Ports ports = newPorts();
        for (int i = 0; i < 4; i++) {
            ports.log().record(record(A, day(i), "row-" + i));
        }
        ports.retention().purgeOlderThan(A, day(2), reportAt(day(100)));
        List<AuditRecord> afterFirst = ports.log().listByTenant(A, 100);

        assertThat(ports.retention().purgeOlderThan(A, day(2), reportAt(day(101)))).isEmpty();
        assertThat(ports.log().listByTenant(A, 100)).isEqualTo(afterFirst);
    }

    @Test
    void purge_nothingOldEnough_emptyAndNoRecord() {
        Ports ports = newPorts();
        ports.log().record(record(A, day(5), "young"));

        assertThat(ports.retention().purgeOlderThan(A, day(5), reportAt(day(100)))).isEmpty();
        assertThat(ports.log().listByTenant(A, 10)).hasSize(1);
    }

    @Test
    void purge_rowWithLateClockInTheOldRun_removesOnlyTheRunBeforeIt() {
        Ports ports = newPorts();
        ports.log().record(record(A, day(0), "old-1"));
        ports.log().record(record(A, day(10), "clock-ahead"));
        ports.log().record(record(A, day(1), "old-2"));

        assertThat(ports.retention().purgeOlderThan(A, day(5), reportAt(day(100)))).contains(new AuditPurge(A, 1, 1, day(0)));
        assertThat(ports.log().listByTenant(A, 10)).extracting(r -> r.target().orElseThrow())
                .contains("clock-ahead", "old-2").doesNotContain("old-1");
    }

    @Test
    void purge_oneTenant_otherTenantUntouched() {
        Ports ports = newPorts();
        for (int i = 0; i < 3; i++) {
            ports.log().record(record(A, day(i), "a-" + i));
            ports.log().record(record(B, day(i), "b-" + i));
        }
        List<AuditRecord> before = ports.log().listByTenant(B, 100);

        ports.retention().purgeOlderThan(A, day(10), reportAt(day(100)));

        assertThat(ports.log().listByTenant(B, 100)).isEqualTo(before);
        assertThat(ports.log().listByTenant(A, 100)).hasSize(1);
    }

    @Test
    void purge_everythingTwice_positionsCountAcrossRemovals() {
        Ports ports = newPorts();
        for (int i = 0; i < 3; i++) {
            ports.log().record(record(A, day(i), "row-" + i));
        }

        assertThat(ports.retention().purgeOlderThan(A, day(10), reportAt(day(20)))).contains(new AuditPurge(A, 3, 3, day(2)));
        ports.log().record(record(A, day(21), "later"));
        // The first report (row 4) and "later" (row 5) are old now too.
        assertThat(ports.retention().purgeOlderThan(A, day(30), reportAt(day(40)))).contains(new AuditPurge(A, 2, 5, day(21)));
        assertThat(ports.log().listByTenant(A, 10)).hasSize(1);
    }

    @Test
    void tenants_everyTenantWithRows_inNameOrder() {
        Ports ports = newPorts();
        ports.log().record(record(B, day(0), "b"));
        ports.log().record(record(A, day(0), "a"));

        assertThat(ports.retention().tenants()).containsExactly(A, B);
    }
}
