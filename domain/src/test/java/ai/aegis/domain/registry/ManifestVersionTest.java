package ai.aegis.domain.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestVersionTest {

    @Test
    void compareTo_numericNotTextual_tenAfterNine() {
        assertThat(ManifestVersion.parse("1.10.0").isNewerThan(ManifestVersion.parse("1.9.0"))).isTrue();
        assertThat(ManifestVersion.parse("2.0.0").isNewerThan(ManifestVersion.parse("1.99.99"))).isTrue();
        assertThat(ManifestVersion.parse("1.0.1").compareTo(ManifestVersion.parse("1.0.1"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.0.0.0", "01.0.0", "1.0.0-beta", "v1.0.0", "", "1..0", "1000000000.0.0"})
    void parse_notThreeNumbers_refused(String text) {
        assertThatThrownBy(() -> ManifestVersion.parse(text)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("manifest.version_invalid");
    }

    @Property
    void parse_toString_roundTrips(@ForAll @IntRange(max = ManifestVersion.MAX_PART) int major,
            @ForAll @IntRange(max = ManifestVersion.MAX_PART) int minor,
            @ForAll @IntRange(max = ManifestVersion.MAX_PART) int patch) {
        ManifestVersion version = ManifestVersion.of(major, minor, patch);

        assertThat(ManifestVersion.parse(version.toString())).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = {"CSV", "csv--x", "-csv", "csv-", "9lives", "csv_x", "a b"})
    void manifestName_invalid_refused(String value) {
        assertThatThrownBy(() -> ManifestName.of(value)).isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("manifest.name_invalid");
    }

    @Test
    void manifestName_tooLong_refused() {
        assertThatThrownBy(() -> ManifestName.of("a".repeat(ManifestName.MAX_LENGTH + 1)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(ManifestName.of("a".repeat(ManifestName.MAX_LENGTH)).value()).hasSize(ManifestName.MAX_LENGTH);
    }
}
