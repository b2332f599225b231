package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityContextNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"zaru-free", "zaru-enterprise", "tenant-acme-labs-researchers", "aegis-system-operator",
            "aegis-system-agent-runtime"})
    void of_knownNamespace_accepted(String name) {
        assertThat(SecurityContextName.of(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"free", "zaru-", "Zaru-pro", "aegis-operator", "tenant-x", "tenant--a", "system-admin",
            "zaru-pro ", "aegis-system-"})
    void of_otherNamespace_refused(String name) {
        assertThatThrownBy(() -> SecurityContextName.of(name))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("context.invalid_name");
    }

    @ParameterizedTest
    @EnumSource(ZaruTier.class)
    void forIdentity_consumer_mapsTierToZaruContext(ZaruTier tier) {
        Identity user = Identity.zaruUser(ZaruUserId.of("u1"),
                TenantId.of("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01"), tier);

        assertThat(SecurityContextName.forIdentity(user).value()).isEqualTo("zaru-" + tier.slug());
    }

    @ParameterizedTest
    @CsvSource({"ADMIN", "OPERATOR", "READONLY"})
    void forIdentity_operator_mapsToOperatorContext(AegisRole role) {
        assertThat(SecurityContextName.forIdentity(Identity.operator("sre", role)))
                .isEqualTo(SecurityContextName.OPERATOR);
    }
}
