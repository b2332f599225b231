package ai.aegis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @Test
    void consumer_uuid_formsPerUserTenant() {
        UUID uuid = UUID.fromString("7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");

        TenantId tenant = TenantId.consumer(uuid);

        assertThat(tenant.value()).isEqualTo("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");
        assertThat(tenant.isConsumer()).isTrue();
    }

    @Test
    void of_upperCaseConsumerForm_canonicalisedToLowerCase() {
        assertThat(TenantId.of("U-7D0B6A53-3F5E-4C2A-9F55-2A1C3B9D8E01").value())
                .isEqualTo("u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acme", "acme-labs", "a1b2c3"})
    void of_organisationSlug_accepted(String slug) {
        TenantId tenant = TenantId.of(slug);

        assertThat(tenant.isConsumer()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"u-", "u-1234", "u-not-a-uuid-at-all-0000000000000", "u-7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e0",
            "ab", "-acme", "acme-", "acme--labs", "Acme", "acme labs", "acme/../x", "1acme", "u-acme"})
    void of_malformed_refused(String text) {
        assertThatThrownBy(() -> TenantId.of(text))
                .isInstanceOf(InvalidInputException.class)
                .extracting("code").isEqualTo("tenant.invalid");
    }

    @Test
    void of_missing_refusedAsMissing() {
        assertThatThrownBy(() -> TenantId.of(null)).extracting("code").isEqualTo("tenant.missing");
        assertThatThrownBy(() -> TenantId.of("")).extracting("code").isEqualTo("tenant.missing");
    }
}
