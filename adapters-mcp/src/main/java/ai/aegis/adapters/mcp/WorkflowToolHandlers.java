package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.CancelWorkflowRunCommand;
import ai.aegis.application.port.in.CancelWorkflowRunUseCase;
import ai.aegis.application.port.in.GetWorkflowRunQuery;
import ai.aegis.application.port.in.GetWorkflowRunUseCase;
import ai.aegis.application.port.in.ListWorkflowRunLogQuery;
import ai.aegis.application.port.in.ListWorkflowRunLogUseCase;
import ai.aegis.application.port.in.OpenConversationCommand;
import ai.aegis.application.port.in.OpenConversationUseCase;
import ai.aegis.application.port.in.RunWorkflowCommand;
import ai.aegis.application.port.in.RunWorkflowUseCase;
import ai.aegis.application.port.in.SignalWorkflowRunCommand;
import ai.aegis.application.port.in.SignalWorkflowRunUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.in.WorkflowRunLogEntry;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestVersion;
import ai.aegis.domain.registry.WorkflowState;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.workflow.WorkflowRun;
import ai.aegis.domain.workflow.WorkflowRunStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code aegis.workflow.run|logs|wait|cancel|signal}: workflow runs of the caller. A run is named by
 * its root execution id ({@code execution_id}); every answer carries the run's status view (state,
 * status, the step running, or the prompt and input schema of the state waiting for input). A
 * client that names no conversation runs in its MCP session's own conversation, as tasks do.
 */
final class WorkflowToolHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunWorkflowUseCase run;
    private final GetWorkflowRunUseCase get;
    private final ListWorkflowRunLogUseCase logs;
    private final SignalWorkflowRunUseCase signal;
    private final CancelWorkflowRunUseCase cancel;
    private final OpenConversationUseCase conversations;
    private final TreeWait waits;

    WorkflowToolHandlers(RunWorkflowUseCase run, GetWorkflowRunUseCase get, ListWorkflowRunLogUseCase logs,
                         SignalWorkflowRunUseCase signal, CancelWorkflowRunUseCase cancel,
                         OpenConversationUseCase conversations, WatchExecutionEventsUseCase watch,
                         McpInFlightCalls inFlight) {
        this.run = Objects.requireNonNull(run, "run");
        this.get = Objects.requireNonNull(get, "get");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.signal = Objects.requireNonNull(signal, "signal");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.waits = new TreeWait(watch, inFlight);
    }

    /** Plugs the five workflow-run tools into the registry. */
    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.workflow.run", this::run)
                .handle("aegis.workflow.logs", this::logs)
                .handle("aegis.workflow.wait", this::await)
                .handle("aegis.workflow.cancel", this::cancel)
                .handle("aegis.workflow.signal", this::signal);
    }

    Map<String, Object> run(ToolCall call) {
        Identity identity = call.caller().identity();
        Optional<ManifestVersion> version = call.optionalText("version").map(ManifestVersion::parse);
        WorkflowRun started = run.run(new RunWorkflowCommand(identity, conversationOf(call), ManifestName.of(call.text("name")),
                version, object(call, "inputs").orElse(new JsonValue.JsonObject(Map.of()))));
        Map<String, Object> result = describe(started);
        result.put("next", next(started));
        return result;
    }

    Map<String, Object> logs(ToolCall call) {
        Identity identity = call.caller().identity();
        ExecutionId id = runId(call);
        List<WorkflowRunLogEntry> entries = logs.log(new ListWorkflowRunLogQuery(identity, id));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", describe(get.get(new GetWorkflowRunQuery(identity, id))));
        result.put("entries", entries.stream().map(WorkflowToolHandlers::describe).toList());
        return result;
    }

    /**
     * Waits until the run finishes or stops to wait for input, at most the asked seconds (never more
     * than {@value TaskToolHandlers#MAX_WAIT_SECONDS}), sending each iteration sentence of its tree as
     * progress and then the run's own new sentences; a client cancelling the call cancels the run.
     */
    Map<String, Object> await(ToolCall call) {
        Identity identity = call.caller().identity();
        ExecutionId id = runId(call);
        int seconds = call.optionalInteger("timeout_seconds", 1, TaskToolHandlers.MAX_WAIT_SECONDS)
                .orElse(TaskToolHandlers.MAX_WAIT_SECONDS);
        WorkflowRun current = get.get(new GetWorkflowRunQuery(identity, id));
        if (current.status() == WorkflowRunStatus.RUNNING) {
            int known = runSentences(identity, id).size();
            int sent = waits.await(call, id, seconds, new TreeWait.Target() {
                @Override
                public boolean settled() {
                    return get.get(new GetWorkflowRunQuery(identity, id)).status() != WorkflowRunStatus.RUNNING;
                }

                @Override
                public boolean concerns(ExecutionStatusChange change) {
                    // Any member ending may move the run on (a step, or the root).
                    return change.to().isTerminal();
                }

                @Override
                public Optional<ExecutionId> closingSentenceOf() {
                    return get.get(new GetWorkflowRunQuery(identity, id)).isTerminal() ? Optional.of(id) : Optional.empty();
                }
            }, () -> cancelQuietly(identity, id));
            // The run's own sentences ("Moved from 'draft' to 'review'.") follow the executions' ones.
            List<String> sentences = runSentences(identity, id);
            for (int i = known; i < sentences.size(); i++) {
                call.progress(++sent, sentences.get(i));
            }
            current = get.get(new GetWorkflowRunQuery(identity, id));
        }
        Map<String, Object> result = describe(current);
        result.put("still_running", current.status() == WorkflowRunStatus.RUNNING);
        result.put("next", next(current));
        return result;
    }

    Map<String, Object> cancel(ToolCall call) {
        WorkflowRun cancelled = cancel.cancel(new CancelWorkflowRunCommand(call.caller().identity(), runId(call)));
        Map<String, Object> result = describe(cancelled);
        result.put("message", "Cancelled the run at '" + cancelled.currentState() + "' and everything it started.");
        return result;
    }

    Map<String, Object> signal(ToolCall call) {
        JsonValue.JsonObject data = object(call, "data").orElseThrow(() -> new InvalidInputException(
                "tool.argument_missing", "aegis.workflow.signal needs the argument 'data' as a JSON object"));
        WorkflowRun resumed = signal.signal(new SignalWorkflowRunCommand(call.caller().identity(), runId(call),
                call.optionalText("state"), data));
        Map<String, Object> result = describe(resumed);
        result.put("next", next(resumed));
        return result;
    }

    private List<String> runSentences(Identity identity, ExecutionId id) {
        return logs.log(new ListWorkflowRunLogQuery(identity, id)).stream()
                .filter(entry -> entry.kind().equals(WorkflowRunLogEntry.WORKFLOW_KIND))
                .map(WorkflowRunLogEntry::sentence)
                .toList();
    }

    private void cancelQuietly(Identity identity, ExecutionId id) {
        try {
            cancel.cancel(new CancelWorkflowRunCommand(identity, id));
        } catch (PreconditionFailedException alreadyFinished) {
            // The run ended on its own while the client cancelled the wait: nothing is left to cancel.
        }
    }

    /** The conversation the call works in: the named one, or the MCP session's own (created on first use). */
    private ConversationId conversationOf(ToolCall call) {
        if (call.conversation().isPresent()) {
            return call.conversation().get().id();
        }
        Identity identity = call.caller().identity();
        ConversationMode mode = identity instanceof Identity.Operator ? ConversationMode.OPERATOR : ConversationMode.AGENTIC;
        return conversations.open(new OpenConversationCommand(identity,
                ConversationFilter.sessionConversation(call.exchange().sessionId()), Optional.of(mode))).id();
    }

    private static ExecutionId runId(ToolCall call) {
        return ExecutionId.of(call.text("execution_id"));
    }

    /** An optional JSON-object argument as the domain's JSON model. */
    private static Optional<JsonValue.JsonObject> object(ToolCall call, String name) {
        Object value = call.arguments().get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map)) {
            throw new InvalidInputException("tool.argument_invalid", "the argument '" + name + "' must be a JSON object");
        }
        return Optional.of((JsonValue.JsonObject) CanonicalJson.parse(JSON.writeValueAsString(value)));
    }

    private static String next(WorkflowRun run) {
        String id = "{\"execution_id\": \"" + run.id() + "\"}";
        if (run.status() == WorkflowRunStatus.WAITING) {
            return "It waits for your input at '" + run.currentState() + "': answer with aegis.workflow.signal "
                    + "{\"execution_id\": \"" + run.id() + "\", \"data\": {…}}, or cancel it with aegis.workflow.cancel.";
        }
        if (run.status() == WorkflowRunStatus.RUNNING) {
            return "Follow it with aegis.workflow.wait " + id + ", read its steps with aegis.workflow.logs, "
                    + "or cancel it with aegis.workflow.cancel.";
        }
        return "The run " + run.status().slug() + "; read its steps with aegis.workflow.logs " + id + ".";
    }

    /** The status view of a run. */
    static Map<String, Object> describe(WorkflowRun run) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("execution_id", run.id().value());
        view.put("workflow", run.workflow().name().value());
        view.put("version", run.workflow().version().toString());
        view.put("state", run.currentState());
        view.put("status", run.status().slug());
        view.put("conversation_id", run.conversationId().value());
        run.stepExecutionId().ifPresent(step -> view.put("step_execution_id", step.value()));
        boolean waiting = run.status() == WorkflowRunStatus.WAITING;
        view.put("waiting_for_input", waiting);
        if (waiting) {
            WorkflowState.HumanInput input = (WorkflowState.HumanInput) run.state();
            view.put("prompt", input.prompt());
            input.inputSchema().ifPresent(schema -> view.put("input_schema", JSON.readValue(schema.canonical(), Map.class)));
            run.waitingUntil().ifPresent(until -> view.put("waiting_until", until.toString()));
        }
        view.put("created_at", run.createdAt().toString());
        view.put("updated_at", run.updatedAt().toString());
        return view;
    }

    private static Map<String, Object> describe(WorkflowRunLogEntry entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", entry.at().toString());
        view.put("kind", entry.kind());
        entry.executionId().ifPresent(id -> view.put("execution_id", id.value()));
        view.put("sentence", entry.sentence());
        return view;
    }
}
