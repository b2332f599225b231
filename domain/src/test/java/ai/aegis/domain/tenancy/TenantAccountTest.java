package ai.aegis.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TenantAccountTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final TenantId CONSUMER = TenantId.consumer(UUID.fromString("11111111-2222-4333-8444-555555555555"));
    private static final TenantId ORG = TenantId.of("acme-labs");

    @Test
    void afterSeeing_consumerDowngrade_planFollowsTheLastTier() {
        TenantAccount account = TenantAccount.firstSeen(CONSUMER, ZaruTier.BUSINESS, T0);

        TenantAccount after = account.afterSeeing(ZaruTier.FREE, T0.plusSeconds(60));

        assertThat(after).isEqualTo(new TenantAccount(CONSUMER, ZaruTier.FREE, T0.plusSeconds(60)));
    }

    @Test
    void afterSeeing_organisationLowerTier_keepsHighestAndItsInstant() {
        TenantAccount account = TenantAccount.firstSeen(ORG, ZaruTier.ENTERPRISE, T0);

        assertThat(account.afterSeeing(ZaruTier.PRO, T0.plusSeconds(60))).isSameAs(account);
    }

    @Test
    void afterSeeing_organisationHigherTier_raisesPlan() {
        TenantAccount account = TenantAccount.firstSeen(ORG, ZaruTier.PRO, T0);

        assertThat(account.afterSeeing(ZaruTier.BUSINESS, T0.plusSeconds(5)).plan()).isEqualTo(ZaruTier.BUSINESS);
    }

    @Test
    void afterSeeing_sameTier_unchangedWithFirstInstant() {
        TenantAccount account = TenantAccount.firstSeen(CONSUMER, ZaruTier.PRO, T0);

        assertThat(account.afterSeeing(ZaruTier.PRO, T0.plusSeconds(5))).isSameAs(account);
    }

    @Test
    void construct_operatorTenant_refused() {
        assertThatThrownBy(() -> TenantAccount.firstSeen(TenantScope.SYSTEM, ZaruTier.ENTERPRISE, T0))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("tenant.system_has_no_plan");
    }

    @Property
    void planAfterSeeing_organisation_neverBelowEitherTier(@ForAll ZaruTier current, @ForAll ZaruTier seen) {
        ZaruTier next = TenantAccount.planAfterSeeing(ORG, Optional.of(current), seen);

        assertThat(next).isGreaterThanOrEqualTo(current).isGreaterThanOrEqualTo(seen);
        assertThat(next == current || next == seen).isTrue();
    }

    @Property
    void planAfterSeeing_consumer_isTheSeenTier(@ForAll ZaruTier current, @ForAll ZaruTier seen) {
        assertThat(TenantAccount.planAfterSeeing(CONSUMER, Optional.of(current), seen)).isEqualTo(seen);
    }
}
