package ai.aegis.domain.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumePathTest {

    @Test
    void of_redundantSeparatorsAndDots_normalised() {
        assertThat(VolumePath.of("a//b/./c/").value()).isEqualTo("a/b/c");
        assertThat(VolumePath.of("./x.txt").value()).isEqualTo("x.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/../../x", "a/..", "..", "/etc/passwd", "/", ".", "./", "a\\b", "a\u0000b",
            "a\nb", "..\\x"})
    void of_escapeOrUnsafePath_refused(String raw) {
        assertThatThrownBy(() -> VolumePath.of(raw))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("volume.path_invalid");
    }

    @Test
    void of_empty_refusedAsMissing() {
        assertThatThrownBy(() -> VolumePath.of(""))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).code()).isEqualTo("volume.path_missing");
    }

    @Test
    void of_tooLong_refused() {
        assertThatThrownBy(() -> VolumePath.of("a".repeat(256)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> VolumePath.of(("abcdefghi/").repeat(103)))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void constructor_unnormalisedValue_isAProgrammingError() {
        assertThatThrownBy(() -> new VolumePath("a//b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void segments_andFileName_fromTheNormalForm() {
        VolumePath path = VolumePath.of("data//in/file.csv");

        assertThat(path.segments()).containsExactly("data", "in", "file.csv");
        assertThat(path.fileName()).isEqualTo("file.csv");
    }

    @Property
    void of_anyAcceptedPath_hasNoDotDotNoLeadingSlashAndIsStable(@ForAll String raw) {
        VolumePath path;
        try {
            path = VolumePath.of(raw);
        } catch (InvalidInputException refused) {
            return;
        }
        assertThat(path.value()).doesNotStartWith("/");
        assertThat(path.segments()).doesNotContain("..", ".", "");
        assertThat(path.value()).doesNotContain("\u0000", "\\");
        assertThat(VolumePath.of(path.value())).isEqualTo(path);
    }
}
