package ai.aegis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityTest {

    private static final TenantId CONSUMER_TENANT = TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");

    @Test
    void zaruUser_consumerTenant_isZaruUserKind() {
        Identity user = Identity.zaruUser(ZaruUserId.of("alice"), CONSUMER_TENANT, ZaruTier.PRO);

        assertThat(user.kind()).isEqualTo(IdentityKind.ZARU_USER);
        assertThat(user.subject()).isEqualTo("alice");
    }

    @Test
    void zaruUser_organisationTenant_refused() {
        assertThatThrownBy(() -> Identity.zaruUser(ZaruUserId.of("alice"), TenantId.of("acme"), ZaruTier.PRO))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("tenant.not_consumer");
    }

    @Test
    void operator_subjectAndRole_isOperatorKind() {
        Identity operator = Identity.operator("sre-1", AegisRole.OPERATOR);

        assertThat(operator.kind()).isEqualTo(IdentityKind.OPERATOR);
        assertThat(operator.subject()).isEqualTo("sre-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\tchar", "new\nline"})
    void userId_blankOrWithWhitespace_refused(String text) {
        assertThatThrownBy(() -> ZaruUserId.of(text)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Identity.operator(text, AegisRole.ADMIN)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void userId_longerThan255_refused() {
        assertThatThrownBy(() -> ZaruUserId.of("a".repeat(256))).isInstanceOf(InvalidInputException.class);
        assertThat(ZaruUserId.of("a".repeat(255)).value()).hasSize(255);
    }
}
