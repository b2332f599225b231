package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolPatternTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "fs.", "fs.*.*", "*.read", "Fs.read", "fs..read", "fs*", ".fs", "fs.read ", "a.*b"})
    void of_malformedPattern_refused(String text) {
        assertThatThrownBy(() -> ToolPattern.of(text))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "policy.invalid_tool_pattern");
    }

    @ParameterizedTest
    @CsvSource({
        "*, fs.read, true",
        "*, aegis.agent.list, true",
        "fs.*, fs.read, true",
        "fs.*, fs.dir.read, true",
        "fs.*, fs, false",
        "fs.*, fsx.read, false",
        "aegis.agent.*, aegis.agent.list, true",
        "aegis.agent.*, aegis.agents.list, false",
        "aegis.agent.list, aegis.agent.list, true",
        "aegis.agent.list, aegis.agent.lists, false",
        "aegis.agent.list, aegis.agent.list.x, false"
    })
    void matches_toolName_onSegmentBoundary(String pattern, String tool, boolean expected) {
        assertThat(ToolPattern.of(pattern).matches(tool)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "*, *, true",
        "*, fs.*, true",
        "fs.*, *, false",
        "fs.*, fs.read, true",
        "fs.*, fs.dir.*, true",
        "fs.dir.*, fs.*, false",
        "fs.*, fs.*, true",
        "fs.*, fsx.*, false",
        "fs.read, fs.read, true",
        "fs.read, fs.*, false",
        "fs.read, fs.write, false"
    })
    void covers_otherPattern_onlyWhenEveryMatchIsIncluded(String pattern, String other, boolean expected) {
        assertThat(ToolPattern.of(pattern).covers(ToolPattern.of(other))).isEqualTo(expected);
    }
}
