package ai.aegis.domain.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ExecutionIdTest {

    /** The documented invariant, as a pattern: the oracle the hand-written check must agree with. */
    private static final Pattern DOCUMENTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Property(tries = 2_000)
    void of_anyStringNearTheAlphabet_acceptedExactlyWhenTheDocumentedPatternMatches(
            @ForAll @StringLength(max = 140) @CharRange(from = ' ', to = '~') @Chars({'é', '\u0000', '\u2028'}) String value) {
        boolean documented = DOCUMENTED.matcher(value).matches();

        if (documented) {
            assertThat(ExecutionId.of(value).value()).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> ExecutionId.of(value)).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void of_lengthBounds_oneTo128Accepted() {
        assertThat(ExecutionId.of("a").value()).isEqualTo("a");
        assertThat(ExecutionId.of("x".repeat(128)).value()).hasSize(128);
        assertThatThrownBy(() -> ExecutionId.of("x".repeat(129))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 to 128");
        assertThatThrownBy(() -> ExecutionId.of("")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ExecutionId.of(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void of_everyAllowedPunctuation_accepted() {
        assertThat(ExecutionId.of("exec-1.child_2:a").value()).isEqualTo("exec-1.child_2:a");
        assertThatThrownBy(() -> ExecutionId.of("exec/1")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> ExecutionId.of("exec 1")).isInstanceOf(InvalidInputException.class);
    }
}
