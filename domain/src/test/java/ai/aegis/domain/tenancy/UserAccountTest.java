package ai.aegis.domain.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UserAccountTest {

    private static final TenantId ORG = TenantId.of("acme-labs");

    @Test
    void standard_nothingConfigured_tokenTierCounts() {
        UserAccount user = UserAccount.standard(ORG, "alice");

        assertThat(user.byok()).isFalse();
        assertThat(user.suspended()).isFalse();
        assertThat(user.effectiveTier(ZaruTier.PRO)).isEqualTo(ZaruTier.PRO);
    }

    @Test
    void withTierOverride_set_overrideWinsOverToken() {
        UserAccount user = UserAccount.standard(ORG, "alice").withTierOverride(Optional.of(ZaruTier.ENTERPRISE))
                .withByok(true).withSuspended(true);

        assertThat(user.effectiveTier(ZaruTier.FREE)).isEqualTo(ZaruTier.ENTERPRISE);
        assertThat(user.byok()).isTrue();
        assertThat(user.suspended()).isTrue();
        assertThat(user.withTierOverride(Optional.empty()).effectiveTier(ZaruTier.FREE)).isEqualTo(ZaruTier.FREE);
    }

    @Test
    void construct_subjectWithWhitespace_refusedNamingSubject() {
        assertThatThrownBy(() -> UserAccount.standard(ORG, "ali ce"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("user.invalid_subject");
        assertThatThrownBy(() -> UserAccount.standard(ORG, ""))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> UserAccount.standard(ORG, "a".repeat(256)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void withTierOverride_operatorTenant_refused() {
        UserAccount operator = UserAccount.standard(TenantScope.SYSTEM, "sre-1").withSuspended(true);

        assertThat(operator.suspended()).isTrue();
        assertThatThrownBy(() -> operator.withTierOverride(Optional.of(ZaruTier.PRO)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("user.system_has_no_tier");
    }
}
