package ai.aegis.domain.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestParser;
import ai.aegis.domain.registry.WorkflowManifest;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkflowRunTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final Identity OWNER = Identity.zaruUser(ZaruUserId.of("alice"), TenantId.consumer(UUID.randomUUID()),
            ZaruTier.PRO);
    private static final WorkflowManifest WORKFLOW = (WorkflowManifest) ManifestParser.parse(ManifestKind.WORKFLOW, """
            {"format": "aegis/v1", "kind": "workflow", "name": "review", "version": "1.0.0", "description": "Review.",
             "initial_state": "draft",
             "states": {
               "draft": {"type": "agent", "agent": "writer", "transitions": {"completed": "approve"}},
               "approve": {"type": "human_input", "prompt": "Approve?", "timeout_seconds": 60,
                           "input_schema": {"type": "object", "required": ["approved"],
                                            "properties": {"approved": {"type": "boolean"}}},
                           "transitions": {"signal": "done", "timeout": "late"}},
               "done": {"type": "end", "outcome": "succeeded"},
               "late": {"type": "end", "outcome": "failed"}}}""").orThrow();

    private static JsonValue.JsonObject json(String text) {
        return (JsonValue.JsonObject) CanonicalJson.parse(text);
    }

    private static WorkflowRun waiting() {
        WorkflowRun run = WorkflowRun.start(ExecutionId.of("exec-1"), OWNER, ConversationId.of("conv-1"), WORKFLOW,
                json("{}"), NOW).run();
        WorkflowRun stepped = run.withStep(ExecutionId.of("exec-2"), NOW).run();
        return stepped.afterStep(ExecutionStatus.COMPLETED, NOW.plusSeconds(1)).run();
    }

    @Test
    void start_agentInitialState_runningAndNeedsItsStep() {
        WorkflowRun.Change started = WorkflowRun.start(ExecutionId.of("exec-1"), OWNER, ConversationId.of("conv-1"),
                WORKFLOW, json("{\"topic\": \"otters\"}"), NOW);

        assertThat(started.run().status()).isEqualTo(WorkflowRunStatus.RUNNING);
        assertThat(started.run().needsStep()).isTrue();
        assertThat(started.run().revision()).isZero();
        assertThat(started.run().inputs()).isEqualTo(json("{\"topic\": \"otters\"}"));
        assertThat(started.events()).extracting(WorkflowRunEvent::sentence)
                .containsExactly("Started workflow 'review' version 1.0.0.", "Started at 'draft'.");
    }

    @Test
    void afterStep_completed_movesToHumanInputAndWaitsWithItsTimeLimit() {
        WorkflowRun run = WorkflowRun.start(ExecutionId.of("exec-1"), OWNER, ConversationId.of("conv-1"), WORKFLOW,
                json("{}"), NOW).run().withStep(ExecutionId.of("exec-2"), NOW).run();

        WorkflowRun.Change moved = run.afterStep(ExecutionStatus.COMPLETED, NOW.plusSeconds(5));

        assertThat(moved.run().status()).isEqualTo(WorkflowRunStatus.WAITING);
        assertThat(moved.run().currentState()).isEqualTo("approve");
        assertThat(moved.run().stepExecutionId()).isEmpty();
        assertThat(moved.run().waitingUntil()).contains(NOW.plusSeconds(65));
        assertThat(moved.run().revision()).isEqualTo(run.revision() + 1);
        assertThat(moved.events()).extracting(WorkflowRunEvent::sentence).containsExactly(
                "The agent step at 'draft' completed.", "Moved from 'draft' to 'approve'.",
                "Waiting for your input at 'approve': Approve?");
    }

    @Test
    void afterStep_failedWithoutFailedTransition_runFailsAtTheStep() {
        WorkflowRun run = WorkflowRun.start(ExecutionId.of("exec-1"), OWNER, ConversationId.of("conv-1"), WORKFLOW,
                json("{}"), NOW).run().withStep(ExecutionId.of("exec-2"), NOW).run();

        WorkflowRun failed = run.afterStep(ExecutionStatus.TIMED_OUT, NOW).run();

        assertThat(failed.status()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(failed.currentState()).isEqualTo("draft");
    }

    @Test
    void signal_validData_endsAtTheSignalTarget() {
        WorkflowRun.Change done = waiting().signal(Optional.of("approve"), json("{\"approved\": false}"), NOW.plusSeconds(2));

        assertThat(done.run().status()).isEqualTo(WorkflowRunStatus.SUCCEEDED);
        assertThat(done.run().signals().get("approve")).isEqualTo(json("{\"approved\": false}"));
        assertThat(done.events()).extracting(WorkflowRunEvent::sentence).containsExactly(
                "Received your input at 'approve'.", "Moved from 'approve' to 'done'.", "Finished at 'done': the run succeeded.");
    }

    @Test
    void signal_missingRequiredField_refusedPointingAtIt() {
        assertThatThrownBy(() -> waiting().signal(Optional.empty(), json("{}"), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("/approved: is required");
    }

    @Test
    void signal_runningRun_refusedNamingStateAndStatus() {
        WorkflowRun running = WorkflowRun.start(ExecutionId.of("exec-1"), OWNER, ConversationId.of("conv-1"), WORKFLOW,
                json("{}"), NOW).run();

        assertThatThrownBy(() -> running.signal(Optional.empty(), json("{\"approved\": true}"), NOW))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("is running at state 'draft'")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("workflow_run.not_waiting");
    }

    @Test
    void timeOut_afterTheLimit_followsTheTimeoutTransition() {
        WorkflowRun run = waiting();

        assertThat(run.waitExpired(NOW.plusSeconds(60))).isFalse();
        WorkflowRun late = run.timeOut(NOW.plusSeconds(61)).run();

        assertThat(late.status()).isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(late.currentState()).isEqualTo("late");
    }

    @Test
    void cancel_finishedRun_refusedSayingHowItEnded() {
        WorkflowRun done = waiting().signal(Optional.empty(), json("{\"approved\": true}"), NOW).run();

        assertThatThrownBy(() -> done.cancel(NOW))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("already succeeded at state 'done'");
    }

    @Test
    void rootEnded_timedOut_runFails_cancelled_runCancelled() {
        assertThat(waiting().rootEnded(ExecutionStatus.TIMED_OUT, NOW).orElseThrow().run().status())
                .isEqualTo(WorkflowRunStatus.FAILED);
        assertThat(waiting().rootEnded(ExecutionStatus.CANCELLED, NOW).orElseThrow().run().status())
                .isEqualTo(WorkflowRunStatus.CANCELLED);
        assertThat(waiting().rootEnded(ExecutionStatus.RUNNING, NOW)).isEmpty();
    }

    @Test
    void constructor_statusDisagreesWithStateType_refused() {
        WorkflowRun run = waiting();

        assertThatThrownBy(() -> new WorkflowRun(run.id(), run.tenantId(), run.owner(), run.conversationId(),
                run.workflow(), run.data(), "approve", WorkflowRunStatus.RUNNING, Optional.empty(), Optional.empty(),
                run.revision(), run.createdAt(), run.updatedAt()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructor_ownerOfAnotherTenant_refused() {
        WorkflowRun run = waiting();

        assertThatThrownBy(() -> new WorkflowRun(run.id(), TenantId.consumer(UUID.randomUUID()), run.owner(),
                run.conversationId(), run.workflow(), run.data(), run.currentState(), run.status(), Optional.empty(),
                run.waitingUntil(), run.revision(), run.createdAt(), run.updatedAt()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
