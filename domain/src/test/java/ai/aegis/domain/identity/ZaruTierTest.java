package ai.aegis.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ZaruTierTest {

    @ParameterizedTest
    @CsvSource({"free,FREE", "Free,FREE", "PRO,PRO", "pro,PRO", "Business,BUSINESS", "ENTERPRISE,ENTERPRISE",
            "' enterprise ',ENTERPRISE"})
    void parse_anyCase_returnsTier(String text, ZaruTier expected) {
        assertThat(ZaruTier.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "gold", "prò", "free-tier", "admin"})
    void parse_unknownText_refusedNamingAcceptedValues(String text) {
        assertThatThrownBy(() -> ZaruTier.parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("expected one of Free, Pro, Business, Enterprise")
                .extracting("code").isEqualTo("tier.unknown");
    }

    @org.junit.jupiter.api.Test
    void parse_null_refused() {
        assertThatThrownBy(() -> ZaruTier.parse(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("(none)");
    }

    @org.junit.jupiter.api.Test
    void parse_controlCharactersAndLongText_quotedSafelyAndShortened() {
        String hostile = "pro\u0000\n" + "x".repeat(200);

        assertThatThrownBy(() -> ZaruTier.parse(hostile))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("\u0000")
                        .hasSizeLessThan(200));
    }

    @org.junit.jupiter.api.Test
    void slugAndDisplayName_everyTier_matchTheSeed() {
        assertThat(ZaruTier.FREE.slug()).isEqualTo("free");
        assertThat(ZaruTier.ENTERPRISE.displayName()).isEqualTo("Enterprise");
    }
}
