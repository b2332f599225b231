package ai.aegis.domain.workflow;

import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.registry.FieldError;
import ai.aegis.domain.registry.WorkflowManifest;
import ai.aegis.domain.registry.WorkflowState;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One run of a workflow: an execution tree whose root ({@link #id()}) stands for the run, with one
 * child execution per agent step. The run records which state it is in and what it waits for; the
 * workflow it runs is the deployed version as it was when the run started, so a later deploy or
 * delete never changes a run in flight.
 *
 * <p>Invariants: the current state is a state of the workflow; the status agrees with its type (an
 * agent state is Running, or Failed/Cancelled; a human-input state is Waiting, or Failed/Cancelled;
 * an end state is Succeeded or Failed by its outcome); only a Running agent state has a step
 * execution, and only a Waiting state a time limit; the owner belongs to the run's tenant;
 * {@code revision} grows by one with every change (stores use it to refuse lost updates).
 * {@code data} holds {@code inputs} (what the run started with) and {@code signals} (each signal's
 * data by the state it answered).
 */
public record WorkflowRun(
        ExecutionId id,
        TenantId tenantId,
        Identity owner,
        ConversationId conversationId,
        WorkflowManifest workflow,
        JsonValue.JsonObject data,
        String currentState,
        WorkflowRunStatus status,
        Optional<ExecutionId> stepExecutionId,
        Optional<Instant> waitingUntil,
        long revision,
        Instant createdAt,
        Instant updatedAt) {

    public WorkflowRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(currentState, "currentState");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(stepExecutionId, "stepExecutionId");
        Objects.requireNonNull(waitingUntil, "waitingUntil");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (!TenantScope.of(owner).equals(tenantId)) {
            throw new IllegalArgumentException("the owner of run " + id + " belongs to another tenant");
        }
        WorkflowState state = workflow.states().get(currentState);
        if (state == null) {
            throw new IllegalArgumentException("run " + id + " is at '" + currentState + "', which its workflow does not define");
        }
        boolean consistent;
        if (state instanceof WorkflowState.AgentStep) {
            consistent = status == WorkflowRunStatus.RUNNING || status == WorkflowRunStatus.FAILED
                    || status == WorkflowRunStatus.CANCELLED;
        } else if (state instanceof WorkflowState.HumanInput) {
            consistent = status == WorkflowRunStatus.WAITING || status == WorkflowRunStatus.FAILED
                    || status == WorkflowRunStatus.CANCELLED;
        } else {
            consistent = status == (((WorkflowState.End) state).outcome() == WorkflowState.Outcome.SUCCEEDED
                    ? WorkflowRunStatus.SUCCEEDED : WorkflowRunStatus.FAILED);
        }
        if (!consistent) {
            throw new IllegalArgumentException("run " + id + " cannot be " + status.slug() + " at '" + currentState + "'");
        }
        if (stepExecutionId.isPresent() && !(state instanceof WorkflowState.AgentStep)) {
            throw new IllegalArgumentException("only an agent state has a step execution");
        }
        if (waitingUntil.isPresent() && status != WorkflowRunStatus.WAITING) {
            throw new IllegalArgumentException("only a waiting run has a time limit");
        }
        if (revision < 0) {
            throw new IllegalArgumentException("a revision is not negative");
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt before createdAt for run " + id);
        }
    }

    /** A change of a run: the run after it and the sentences that tell what happened, in order. */
    public record Change(WorkflowRun run, List<WorkflowRunEvent> events) {
        public Change {
            Objects.requireNonNull(run, "run");
            events = List.copyOf(events);
        }
    }

    /**
     * A new run of {@code workflow} at revision 0, already in its initial state (Running for an agent
     * state, whose step the caller starts next; Waiting for a human-input state; finished for an end
     * state). {@code id} is the run's root execution.
     */
    public static Change start(ExecutionId id, Identity owner, ConversationId conversationId, WorkflowManifest workflow,
            JsonValue.JsonObject inputs, Instant now) {
        Objects.requireNonNull(inputs, "inputs");
        Map<String, JsonValue> data = new LinkedHashMap<>();
        data.put("inputs", inputs);
        data.put("signals", new JsonValue.JsonObject(Map.of()));
        List<WorkflowRunEvent> events = new ArrayList<>();
        events.add(WorkflowRunEvent.started(id, now, workflow.name().value(), workflow.version().toString()));
        events.add(WorkflowRunEvent.entered(id, now, workflow.initialState()));
        WorkflowRun entered = entering(id, TenantScope.of(owner), owner, conversationId, workflow,
                new JsonValue.JsonObject(data), workflow.initialState(), 0, now, now, events);
        return new Change(entered, events);
    }

    /** The state the run is in. */
    public WorkflowState state() {
        return workflow.states().get(currentState);
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** True when the run is in an agent state whose step execution was not started yet. */
    public boolean needsStep() {
        return status == WorkflowRunStatus.RUNNING && stepExecutionId.isEmpty();
    }

    /** The data a run started with. */
    public JsonValue.JsonObject inputs() {
        return (JsonValue.JsonObject) data.get("inputs");
    }

    /** The data of each signal, by the state it answered. */
    public JsonValue.JsonObject signals() {
        return (JsonValue.JsonObject) data.get("signals");
    }

    /** The run with its agent step's execution recorded. */
    public Change withStep(ExecutionId step, Instant now) {
        Objects.requireNonNull(step, "step");
        if (!needsStep()) {
            throw new PreconditionFailedException("workflow_run.step_not_expected", "workflow run " + id + " is "
                    + status.slug() + " at '" + currentState + "' and starts no agent step now");
        }
        WorkflowState.AgentStep agent = (WorkflowState.AgentStep) state();
        WorkflowRun next = new WorkflowRun(id, tenantId, owner, conversationId, workflow, data, currentState, status,
                Optional.of(step), Optional.empty(), revision + 1, createdAt, later(now));
        return new Change(next, List.of(WorkflowRunEvent.stepStarted(id, now, currentState, agent.agent().value(), step)));
    }

    /**
     * Moves on after the step execution ended with {@code stepStatus}: Completed follows the
     * {@code completed} transition; Failed, TimedOut or Cancelled follow {@code failed}, or fail the
     * run when the state has none.
     */
    public Change afterStep(ExecutionStatus stepStatus, Instant now) {
        if (status != WorkflowRunStatus.RUNNING || stepExecutionId.isEmpty() || !stepStatus.isTerminal()) {
            throw new PreconditionFailedException("workflow_run.no_step_ended", "workflow run " + id + " is "
                    + status.slug() + " at '" + currentState + "' and has no ended step to move on from");
        }
        WorkflowState.AgentStep agent = (WorkflowState.AgentStep) state();
        List<WorkflowRunEvent> events = new ArrayList<>();
        events.add(WorkflowRunEvent.stepEnded(id, now, currentState, stepStatus == ExecutionStatus.COMPLETED ? "completed"
                : "ended as " + stepStatus.displayName()));
        if (stepStatus == ExecutionStatus.COMPLETED) {
            return moveTo(agent.onCompleted(), now, events);
        }
        if (agent.onFailed().isPresent()) {
            return moveTo(agent.onFailed().get(), now, events);
        }
        events.add(WorkflowRunEvent.failedWithoutTransition(id, now, currentState));
        return new Change(ended(WorkflowRunStatus.FAILED, now), events);
    }

    /**
     * Answers the human-input state the run waits at with {@code signalData} and moves on.
     *
     * @param expectedState the state the person answers, when they named one: it must be the one waiting
     * @throws PreconditionFailedException {@code workflow_run.not_waiting} naming the run's state and
     *         status, or {@code workflow_run.wrong_state} naming the state that waits
     * @throws InvalidInputException {@code workflow_run.signal_invalid} listing each problem of the
     *         data against the state's input schema, by JSON Pointer
     */
    public Change signal(Optional<String> expectedState, JsonValue.JsonObject signalData, Instant now) {
        Objects.requireNonNull(expectedState, "expectedState");
        Objects.requireNonNull(signalData, "signalData");
        if (status != WorkflowRunStatus.WAITING) {
            throw new PreconditionFailedException("workflow_run.not_waiting", "workflow run " + id + " is "
                    + status.slug() + " at state '" + currentState + "', so it is not waiting for input"
                    + (isTerminal() ? "" : "; follow it with aegis.workflow.wait"));
        }
        if (expectedState.isPresent() && !expectedState.get().equals(currentState)) {
            throw new PreconditionFailedException("workflow_run.wrong_state", "workflow run " + id
                    + " waits for input at state '" + currentState + "', not at '" + expectedState.get() + "'");
        }
        WorkflowState.HumanInput input = (WorkflowState.HumanInput) state();
        if (input.inputSchema().isPresent()) {
            List<FieldError> problems = SignalInputCheck.problems(input.inputSchema().get(), signalData);
            if (!problems.isEmpty()) {
                throw new InvalidInputException("workflow_run.signal_invalid", "the data does not match what '"
                        + currentState + "' asks for: " + problems.stream().map(FieldError::toString)
                        .collect(Collectors.joining("; ")));
            }
        }
        Map<String, JsonValue> signals = new LinkedHashMap<>(signals().members());
        signals.put(currentState, signalData);
        Map<String, JsonValue> newData = new LinkedHashMap<>(data.members());
        newData.put("signals", new JsonValue.JsonObject(signals));
        WorkflowRun withData = new WorkflowRun(id, tenantId, owner, conversationId, workflow,
                new JsonValue.JsonObject(newData), currentState, status, stepExecutionId, waitingUntil, revision,
                createdAt, updatedAt);
        List<WorkflowRunEvent> events = new ArrayList<>();
        events.add(WorkflowRunEvent.signalled(id, now, currentState));
        return withData.moveTo(input.onSignal(), now, events);
    }

    /** True when the run waits with a time limit that has passed at {@code now}. */
    public boolean waitExpired(Instant now) {
        return status == WorkflowRunStatus.WAITING && waitingUntil.isPresent() && !now.isBefore(waitingUntil.get());
    }

    /** Follows the waiting state's {@code timeout} transition once its time limit passed. */
    public Change timeOut(Instant now) {
        if (!waitExpired(now)) {
            throw new PreconditionFailedException("workflow_run.not_expired", "workflow run " + id
                    + " has no passed time limit at '" + currentState + "'");
        }
        WorkflowState.HumanInput input = (WorkflowState.HumanInput) state();
        List<WorkflowRunEvent> events = new ArrayList<>();
        events.add(WorkflowRunEvent.timedOut(id, now, currentState));
        return moveTo(input.onTimeout().orElseThrow(), now, events);
    }

    /**
     * Cancels the run.
     *
     * @throws PreconditionFailedException {@code workflow_run.finished} when it already finished, naming how
     */
    public Change cancel(Instant now) {
        if (isTerminal()) {
            throw new PreconditionFailedException("workflow_run.finished", "workflow run " + id + " already "
                    + status.slug() + " at state '" + currentState + "', so there is nothing to cancel");
        }
        return new Change(ended(WorkflowRunStatus.CANCELLED, now),
                List.of(WorkflowRunEvent.cancelled(id, now, currentState)));
    }

    /**
     * Ends a run whose root execution ended under it (cancelled, timed out, failed): Cancelled when
     * the root was cancelled, Failed otherwise. Empty when the run had already finished.
     */
    public Optional<Change> rootEnded(ExecutionStatus rootStatus, Instant now) {
        if (isTerminal() || !rootStatus.isTerminal()) {
            return Optional.empty();
        }
        if (rootStatus == ExecutionStatus.CANCELLED) {
            return Optional.of(cancel(now));
        }
        return Optional.of(new Change(ended(WorkflowRunStatus.FAILED, now), List.of(new WorkflowRunEvent(id, now,
                "The run's execution ended as " + rootStatus.displayName() + " at '" + currentState
                        + "', so the run failed."))));
    }

    private Change moveTo(String target, Instant now, List<WorkflowRunEvent> events) {
        events.add(WorkflowRunEvent.moved(id, now, currentState, target));
        WorkflowRun next = entering(id, tenantId, owner, conversationId, workflow, data, target, revision + 1, createdAt,
                now, events);
        return new Change(next, events);
    }

    private static WorkflowRun entering(ExecutionId id, TenantId tenantId, Identity owner, ConversationId conversationId,
            WorkflowManifest workflow, JsonValue.JsonObject data, String target, long revision, Instant createdAt,
            Instant now, List<WorkflowRunEvent> events) {
        WorkflowState state = workflow.states().get(target);
        WorkflowRunStatus status;
        Optional<Instant> until = Optional.empty();
        if (state instanceof WorkflowState.AgentStep) {
            status = WorkflowRunStatus.RUNNING;
        } else if (state instanceof WorkflowState.HumanInput input) {
            status = WorkflowRunStatus.WAITING;
            if (input.timeoutSeconds().isPresent()) {
                until = Optional.of(now.plusSeconds(input.timeoutSeconds().getAsLong()));
            }
            events.add(WorkflowRunEvent.waiting(id, now, target, input.prompt()));
        } else {
            status = ((WorkflowState.End) state).outcome() == WorkflowState.Outcome.SUCCEEDED
                    ? WorkflowRunStatus.SUCCEEDED : WorkflowRunStatus.FAILED;
            events.add(WorkflowRunEvent.finished(id, now, target, status));
        }
        Instant updated = now.isBefore(createdAt) ? createdAt : now;
        return new WorkflowRun(id, tenantId, owner, conversationId, workflow, data, target, status, Optional.empty(),
                until, revision, createdAt, updated);
    }

    private WorkflowRun ended(WorkflowRunStatus end, Instant now) {
        return new WorkflowRun(id, tenantId, owner, conversationId, workflow, data, currentState, end,
                stepExecutionId, Optional.empty(), revision + 1, createdAt, later(now));
    }

    private Instant later(Instant now) {
        return now.isBefore(updatedAt) ? updatedAt : now;
    }
}
