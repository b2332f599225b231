package ai.aegis.domain.workflow;

import ai.aegis.domain.execution.ExecutionId;
import java.time.Instant;
import java.util.Objects;

/**
 * One plain-English sentence of a workflow run's own history (as opposed to the iteration sentences
 * of its executions): it started, moved from one state to another, waits for input, got a signal,
 * ended. Sentences name states in quotes, for example {@code Moved from 'draft' to 'review'}.
 */
public record WorkflowRunEvent(ExecutionId runId, Instant at, String sentence) {

    /** Long enough for a state name, an agent name and a prompt. */
    public static final int MAX_SENTENCE = 600;

    public WorkflowRunEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sentence, "sentence");
        if (sentence.isBlank()) {
            throw new IllegalArgumentException("a run event says something");
        }
        if (sentence.length() > MAX_SENTENCE) {
            sentence = sentence.substring(0, MAX_SENTENCE - 1) + "…";
        }
    }

    static WorkflowRunEvent started(ExecutionId run, Instant at, String workflow, String version) {
        return new WorkflowRunEvent(run, at, "Started workflow '" + workflow + "' version " + version + ".");
    }

    static WorkflowRunEvent moved(ExecutionId run, Instant at, String from, String to) {
        return new WorkflowRunEvent(run, at, "Moved from '" + from + "' to '" + to + "'.");
    }

    static WorkflowRunEvent entered(ExecutionId run, Instant at, String state) {
        return new WorkflowRunEvent(run, at, "Started at '" + state + "'.");
    }

    static WorkflowRunEvent stepStarted(ExecutionId run, Instant at, String state, String agent, ExecutionId step) {
        return new WorkflowRunEvent(run, at, "Running agent '" + agent + "' at '" + state + "' (execution " + step + ").");
    }

    static WorkflowRunEvent waiting(ExecutionId run, Instant at, String state, String prompt) {
        return new WorkflowRunEvent(run, at, "Waiting for your input at '" + state + "': " + prompt);
    }

    static WorkflowRunEvent signalled(ExecutionId run, Instant at, String state) {
        return new WorkflowRunEvent(run, at, "Received your input at '" + state + "'.");
    }

    static WorkflowRunEvent timedOut(ExecutionId run, Instant at, String state) {
        return new WorkflowRunEvent(run, at, "No input came in time at '" + state + "'.");
    }

    static WorkflowRunEvent stepEnded(ExecutionId run, Instant at, String state, String how) {
        return new WorkflowRunEvent(run, at, "The agent step at '" + state + "' " + how + ".");
    }

    static WorkflowRunEvent finished(ExecutionId run, Instant at, String state, WorkflowRunStatus status) {
        return new WorkflowRunEvent(run, at, "Finished at '" + state + "': the run " + status.slug() + ".");
    }

    static WorkflowRunEvent failedWithoutTransition(ExecutionId run, Instant at, String state) {
        return new WorkflowRunEvent(run, at, "The agent step at '" + state
                + "' did not complete and the state has no failed transition, so the run failed.");
    }

    static WorkflowRunEvent cancelled(ExecutionId run, Instant at, String state) {
        return new WorkflowRunEvent(run, at, "Cancelled at '" + state + "'.");
    }
}
