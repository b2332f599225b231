package ai.aegis.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutionOutputTest {

    @Test
    void of_withinLimits_keptAsIsAndNotTruncated() {
        ExecutionOutput output = ExecutionOutput.of("42\n", "", 0, false, List.of("a.txt"));

        assertThat(output.stdout()).isEqualTo("42\n");
        assertThat(output.truncated()).isFalse();
        assertThat(output.files()).containsExactly("a.txt");
    }

    @Test
    void of_longOutput_keepsTheBeginningAndSaysItWasCut() {
        String longOut = "a".repeat(ExecutionOutput.MAX_STDOUT_CHARS) + "TAIL";

        ExecutionOutput output = ExecutionOutput.of(longOut, "", 0, false, List.of());

        assertThat(output.stdout()).hasSize(ExecutionOutput.MAX_STDOUT_CHARS).doesNotContain("TAIL");
        assertThat(output.truncated()).isTrue();
    }

    @Test
    void of_longErrors_keepsTheEndWhereTheErrorIs() {
        String longErr = "HEAD" + "e".repeat(ExecutionOutput.MAX_STDERR_CHARS) + "ZeroDivisionError";

        ExecutionOutput output = ExecutionOutput.of("", longErr, 1, false, List.of());

        assertThat(output.stderr()).hasSize(ExecutionOutput.MAX_STDERR_CHARS).endsWith("ZeroDivisionError")
                .doesNotContain("HEAD");
        assertThat(output.truncated()).isTrue();
    }

    @Test
    void of_tooManyFiles_keepsTheFirstAndSaysItWasCut() {
        ExecutionOutput output = ExecutionOutput.of("", "", 0, false,
                Collections.nCopies(ExecutionOutput.MAX_FILES + 5, "f.txt"));

        assertThat(output.files()).hasSize(ExecutionOutput.MAX_FILES);
        assertThat(output.truncated()).isTrue();
    }

    @Test
    void constructor_beyondLimits_refusedAsProgrammingError() {
        assertThatThrownBy(() -> new ExecutionOutput("x".repeat(ExecutionOutput.MAX_STDOUT_CHARS + 1), "", 0, false,
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void of_textsOfListedFilesWithinLimits_keptOthersLeftOutAndCut() {
        ExecutionOutput output = ExecutionOutput.of("", "", 0, false, List.of("a.txt", "big.txt"),
                java.util.Map.of("a.txt", "hello", "big.txt", "x".repeat(ExecutionOutput.MAX_TEXT_CHARS + 1),
                        "unlisted.txt", "secret"));

        assertThat(output.texts()).containsOnlyKeys("a.txt").containsEntry("a.txt", "hello");
        assertThat(output.truncated()).isTrue();
    }
}
