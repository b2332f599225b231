package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AbsolutePathTest {

    @ParameterizedTest
    @CsvSource({
        "/workspace/../etc/passwd, /etc/passwd",
        "/workspace//a///b/, /workspace/a/b",
        "/workspace/./a/./b, /workspace/a/b",
        "/../../etc, /etc",
        "/, /",
        "//, /",
        "/workspace/a/.., /workspace"
    })
    void parse_pathWithDotsAndSlashes_normalised(String raw, String expected) {
        assertThat(AbsolutePath.parse(raw).value()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "workspace/a", "./a", "../etc", "/work\u0000space", "/a\nb"})
    void parse_relativeOrControlCharacters_refused(String raw) {
        assertThatThrownBy(() -> AbsolutePath.parse(raw)).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "policy.invalid_path");
    }

    @ParameterizedTest
    @CsvSource({
        "/workspace, true",
        "/workspace/a/b.txt, true",
        "/workspace/../etc/passwd, false",
        "/workspace2, false",
        "/workspace2/a, false",
        "/work, false",
        "/etc/passwd, false",
        "/workspace/./x/../y, true"
    })
    void isWithin_workspace_onlyOnSegmentBoundaryAfterNormalisation(String raw, boolean expected) {
        assertThat(AbsolutePath.parse(raw).isWithin(AbsolutePath.parse("/workspace"))).isEqualTo(expected);
    }

    @Test
    void isWithin_root_containsEverything() {
        assertThat(AbsolutePath.parse("/etc/passwd").isWithin(AbsolutePath.parse("/"))).isTrue();
    }

    @Test
    void constructor_unnormalisedValue_refused() {
        assertThatThrownBy(() -> new AbsolutePath("/a/../b")).isInstanceOf(InvalidInputException.class);
    }
}
