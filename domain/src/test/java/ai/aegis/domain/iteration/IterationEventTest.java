package ai.aegis.domain.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.execution.ExecutionId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IterationEventTest {

    private static final ExecutionId ID = ExecutionId.of("exec-1");
    private static final Instant AT = Instant.parse("2026-11-28T12:00:00Z");

    @Test
    void sentence_validationFailedWithDetail_matchesDesignExample() {
        IterationEvent event = IterationEvent.of(ID, IterationEventKind.VALIDATION_FAILED, 2, 5, AT, "the import");

        assertThat(event.sentence()).isEqualTo("Attempt 2 of 5: the tests failed, so the agent is fixing the import and trying again.");
    }

    @Test
    void sentence_eachKind_plainEnglish() {
        assertThat(event(IterationEventKind.ATTEMPT_STARTED, 1, null)).isEqualTo("Attempt 1 of 5: the agent is working on it.");
        assertThat(event(IterationEventKind.FIX_APPLIED, 2, "the parser"))
                .isEqualTo("Attempt 2 of 5: the agent applied a fix to the parser and is checking it again.");
        assertThat(event(IterationEventKind.MEMORY_REUSED, 1, null))
                .isEqualTo("Attempt 1 of 5: the agent is reusing what it learned earlier.");
        assertThat(event(IterationEventKind.CHILD_SPAWNED, 3, "the tests"))
                .isEqualTo("Attempt 3 of 5: the agent started a helper agent to work on the tests in parallel.");
        assertThat(event(IterationEventKind.COMPLETED, 1, null)).isEqualTo("Done after 1 attempt.");
        assertThat(event(IterationEventKind.COMPLETED, 3, null)).isEqualTo("Done after 3 attempts.");
        assertThat(event(IterationEventKind.FAILED, 5, null))
                .isEqualTo("The agent stopped after 5 attempts without a working result.");
        assertThat(event(IterationEventKind.CANCELLED, 0, null)).isEqualTo("The run was cancelled before it started.");
        assertThat(event(IterationEventKind.CANCELLED, 2, null)).isEqualTo("The run was cancelled during attempt 2 of 5.");
        assertThat(event(IterationEventKind.TIMED_OUT, 4, null)).isEqualTo("The run ran out of time during attempt 4 of 5.");
    }

    @ParameterizedTest
    @EnumSource(IterationEventKind.class)
    void sentence_detailWithInternals_showsNoneOfThem(IterationEventKind kind) {
        String raw = "NullPointerException in /var/lib/docker/containers/3f4e5d6c7b8a9f0e1d2c3b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e "
                + "at com.acme.Foo.bar(Foo.java:12) uuid 123e4567-e89b-12d3-a456-426614174000 0xdeadbeef /workspace/src/main.py";

        String sentence = IterationEvent.of(ID, kind, 2, 5, AT, raw).sentence();

        assertThat(sentence).doesNotContain("/var/lib", "3f4e5d6c", "com.acme", "Foo.java", "123e4567", "0xdeadbeef");
        assertThat(sentence).endsWith(".");
        assertThat(sentence.length()).isLessThan(260);
    }

    @Test
    void of_detailOfOnlyInternals_dropped() {
        IterationEvent event = IterationEvent.of(ID, IterationEventKind.VALIDATION_FAILED, 1, 5, AT,
                "   at com.acme.Foo.bar(Foo.java:12)\n 0x7ffe12ab /etc/passwd");

        assertThat(event.detail()).isEmpty();
        assertThat(event.sentence()).isEqualTo("Attempt 1 of 5: the tests failed, so the agent is fixing the problem and trying again.");
    }

    @Test
    void constructor_iterationBeyondMax_refused() {
        assertThatThrownBy(() -> new IterationEvent(ID, IterationEventKind.ATTEMPT_STARTED, 6, 5, AT, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String event(IterationEventKind kind, int iteration, String detail) {
        return IterationEvent.of(ID, kind, iteration, 5, AT, detail).sentence();
    }
}
