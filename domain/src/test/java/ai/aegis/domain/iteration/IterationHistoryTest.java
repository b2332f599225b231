package ai.aegis.domain.iteration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.BuiltInContexts;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IterationHistoryTest {

    private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");
    private static final Instant ENDED = START.plusSeconds(90);
    private static final ExecutionId ID = ExecutionId.of("exec-1");

    private static Execution running(int iterations) {
        Execution execution = new Execution(ID, TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001")),
                "user-1", ConversationId.of("conv-1"), Optional.empty(), ID, 0, ExecutionStatus.PENDING,
                BuiltInContexts.AGENT_RUNTIME, START.plusSeconds(600), 1024, 5, 0, START, START)
                .transitionTo(ExecutionStatus.RUNNING, START);
        for (int i = 0; i < iterations; i++) {
            execution = execution.withNextIteration(START.plusSeconds(i + 1));
        }
        return execution;
    }

    private static IterationEvent started(int iteration) {
        return IterationEvent.of(ID, IterationEventKind.ATTEMPT_STARTED, iteration, 5, START.plusSeconds(iteration), null);
    }

    @Test
    void of_runningExecution_exactlyTheStoredEvents() {
        List<IterationEvent> stored = List.of(started(1), started(2));

        assertThat(IterationHistory.of(running(2), stored)).containsExactlyElementsOf(stored);
    }

    @Test
    void of_cancelledWithoutStoredFinalEvent_endsWithTheCancellationItsStatusTells() {
        Execution cancelled = running(2).transitionTo(ExecutionStatus.CANCELLED, ENDED);

        List<IterationEvent> history = IterationHistory.of(cancelled, List.of(started(1), started(2)));

        assertThat(history).hasSize(3);
        assertThat(history.get(2)).satisfies(event -> {
            assertThat(event.kind()).isEqualTo(IterationEventKind.CANCELLED);
            assertThat(event.at()).isEqualTo(ENDED);
            assertThat(event.sentence()).isEqualTo("The run was cancelled during attempt 2 of 5.");
        });
    }

    @Test
    void of_cancelledBeforeItStarted_oneSentenceSayingSo() {
        Execution pendingCancelled = new Execution(ID, TenantId.consumer(UUID.fromString(
                "00000000-0000-4000-8000-000000000001")), "user-1", ConversationId.of("conv-1"), Optional.empty(), ID, 0,
                ExecutionStatus.PENDING, BuiltInContexts.AGENT_RUNTIME, START.plusSeconds(600), 1024, 5, 0, START, START)
                .transitionTo(ExecutionStatus.CANCELLED, ENDED);

        assertThat(IterationHistory.of(pendingCancelled, List.of())).extracting(IterationEvent::sentence)
                .containsExactly("The run was cancelled before it started.");
    }

    @Test
    void of_endedWithAStoredFinalEvent_thatEventOnlyNoSecondFinal() {
        Execution failed = running(1).transitionTo(ExecutionStatus.FAILED, ENDED);
        IterationEvent reported = IterationEvent.of(ID, IterationEventKind.FAILED, 1, 5, ENDED, "the tests still fail");

        assertThat(IterationHistory.of(failed, List.of(started(1), reported))).containsExactly(started(1), reported);
    }

    @Test
    void finalEventOf_eachEndedStatus_kindFollowsTheStatus() {
        assertThat(IterationHistory.finalEventOf(running(1).transitionTo(ExecutionStatus.COMPLETED, ENDED)).kind())
                .isEqualTo(IterationEventKind.COMPLETED);
        assertThat(IterationHistory.finalEventOf(running(1).transitionTo(ExecutionStatus.FAILED, ENDED)).kind())
                .isEqualTo(IterationEventKind.FAILED);
        assertThat(IterationHistory.finalEventOf(running(1).transitionTo(ExecutionStatus.TIMED_OUT, ENDED)).sentence())
                .isEqualTo("The run ran out of time during attempt 1 of 5.");
    }

    @Test
    void finalEventOf_runningExecution_refusedNamingItsStatus() {
        assertThatThrownBy(() -> IterationHistory.finalEventOf(running(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Running");
    }
}
