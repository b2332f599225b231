package ai.aegis.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class AuditRetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final TenantId ORG = TenantId.of("acme-labs");

    @Test
    void forTier_businessAndEnterprise_keepTheirDaysAndAreShown() {
        assertThat(AuditRetentionPolicy.forTier(ZaruTier.BUSINESS).keepFor()).contains(Duration.ofDays(90));
        assertThat(AuditRetentionPolicy.forTier(ZaruTier.ENTERPRISE).keepFor()).contains(Duration.ofDays(365));
        assertThat(AuditRetentionPolicy.forTier(ZaruTier.BUSINESS).shownToTenant()).isTrue();
        assertThat(AuditRetentionPolicy.forTier(ZaruTier.BUSINESS).cutoff(NOW)).contains(NOW.minus(Duration.ofDays(90)));
    }

    @Test
    void forTier_freeAndPro_operationalSevenDaysNeverShown() {
        for (ZaruTier tier : new ZaruTier[] {ZaruTier.FREE, ZaruTier.PRO}) {
            AuditRetentionPolicy policy = AuditRetentionPolicy.forTier(tier);
            assertThat(policy.keepFor()).contains(Duration.ofDays(7));
            assertThat(policy.shownToTenant()).isFalse();
            assertThat(policy.description()).contains("no audit log in the plan");
        }
    }

    @Test
    void forTenant_operatorTenant_fixed365DaysWhateverThePlan() {
        AuditRetentionPolicy policy = AuditRetentionPolicy.forTenant(TenantScope.SYSTEM, Optional.of(ZaruTier.FREE),
                LimitOverrides.none());

        assertThat(policy.keepFor()).contains(Duration.ofDays(365));
    }

    @Test
    void forTenant_unknownPlan_keepsEverything() {
        AuditRetentionPolicy policy = AuditRetentionPolicy.forTenant(ORG, Optional.empty(), LimitOverrides.none());

        assertThat(policy.keepFor()).isEmpty();
        assertThat(policy.cutoff(NOW)).isEmpty();
    }

    @Test
    void forTenant_overrideGrantsProThirtyDays_shownForThirty() {
        AuditRetentionPolicy policy = AuditRetentionPolicy.forTenant(ORG, Optional.of(ZaruTier.PRO),
                LimitOverrides.none().withAuditRetention(Duration.ofDays(30)));

        assertThat(policy.keepFor()).contains(Duration.ofDays(30));
        assertThat(policy.shownToTenant()).isTrue();
    }

    @Test
    void forTenant_overrideShorterThanOperationalMinimum_raisedToMinimum() {
        AuditRetentionPolicy policy = AuditRetentionPolicy.forTenant(ORG, Optional.of(ZaruTier.BUSINESS),
                LimitOverrides.none().withAuditRetention(Duration.ofDays(1)));

        assertThat(policy.keepFor()).contains(AuditRetentionPolicy.OPERATIONAL_MINIMUM);
    }

    @Test
    void construct_keepForBelowMinimum_refused() {
        assertThatThrownBy(() -> new AuditRetentionPolicy(Optional.of(Duration.ofDays(6)), true, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void forTenant_anyPlanAndOverride_neverBelowOperationalMinimum(@ForAll ZaruTier tier, @ForAll boolean override,
                                                                   @ForAll("days") int days) {
        LimitOverrides overrides = override ? LimitOverrides.none().withAuditRetention(Duration.ofDays(days))
                : LimitOverrides.none();

        AuditRetentionPolicy policy = AuditRetentionPolicy.forTenant(ORG, Optional.of(tier), overrides);

        assertThat(policy.keepFor()).isPresent();
        assertThat(policy.keepFor().get()).isGreaterThanOrEqualTo(AuditRetentionPolicy.OPERATIONAL_MINIMUM);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> days() {
        return net.jqwik.api.Arbitraries.integers().between(1, 2_000);
    }

    @Test
    void auditPurge_moreRemovedThanTheChainHeld_refused() {
        assertThatThrownBy(() -> new AuditPurge(ORG, 5, 4, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AuditPurge(ORG, 3, 10, NOW).describe()).contains("3 audit row(s) through row 10");
    }
}
