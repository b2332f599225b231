package ai.aegis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AegisRoleTest {

    @ParameterizedTest
    @CsvSource({"admin,ADMIN", "aegis:admin,ADMIN", "aegis-admin,ADMIN", "AEGIS:Operator,OPERATOR",
            "operator,OPERATOR", "readonly,READONLY", "aegis-readonly,READONLY"})
    void parse_claimSpellings_returnRole(String text, AegisRole expected) {
        assertThat(AegisRole.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "root", "aegis:", "aegis:root", "offline_access", "aegis:admin:x", "superadmin"})
    void parse_unknownRole_refused(String text) {
        assertThatThrownBy(() -> AegisRole.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("role.unknown");
        assertThat(AegisRole.parseOrNull(text)).isNull();
    }

    @Test
    void includes_graduatedRoles_higherIncludesLower() {
        assertThat(AegisRole.ADMIN.includes(AegisRole.OPERATOR)).isTrue();
        assertThat(AegisRole.ADMIN.includes(AegisRole.READONLY)).isTrue();
        assertThat(AegisRole.OPERATOR.includes(AegisRole.READONLY)).isTrue();
        assertThat(AegisRole.OPERATOR.includes(AegisRole.ADMIN)).isFalse();
        assertThat(AegisRole.READONLY.includes(AegisRole.OPERATOR)).isFalse();
        assertThat(AegisRole.READONLY.includes(AegisRole.READONLY)).isTrue();
    }
}
