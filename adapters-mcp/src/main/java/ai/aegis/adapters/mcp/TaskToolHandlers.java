package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.CancelConversationCommand;
import ai.aegis.application.port.in.CancelConversationUseCase;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.CancelExecutionUseCase;
import ai.aegis.application.port.in.ExecutionWatch;
import ai.aegis.application.port.in.GetExecutionOutputUseCase;
import ai.aegis.application.port.in.GetExecutionQuery;
import ai.aegis.application.port.in.GetExecutionUseCase;
import ai.aegis.application.port.in.GetManifestQuery;
import ai.aegis.application.port.in.GetManifestUseCase;
import ai.aegis.application.port.in.ListExecutionsQuery;
import ai.aegis.application.port.in.ListExecutionsUseCase;
import ai.aegis.application.port.in.ListIterationEventsQuery;
import ai.aegis.application.port.in.ListIterationEventsUseCase;
import ai.aegis.application.port.in.OpenConversationCommand;
import ai.aegis.application.port.in.OpenConversationUseCase;
import ai.aegis.application.port.in.OperatorArguments;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionUseCase;
import ai.aegis.application.port.in.WatchExecutionEventsQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.event.ExecutionEvent;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutput;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.registry.AgentManifest;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.StoredManifest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code aegis.task.execute|status|list|wait|cancel|logs}: the tasks (root executions) of the
 * caller's conversations. A client that names no conversation works in its MCP session's own
 * conversation ({@link ConversationFilter#sessionConversation(String)}), created on its first task.
 */
public final class TaskToolHandlers {

    /** Waits answer before the client's 120 s timeout, leaving room for the network. */
    public static final int MAX_WAIT_SECONDS = 100;

    private final OpenConversationUseCase conversations;
    private final StartRootExecutionUseCase start;
    private final GetExecutionUseCase get;
    private final ListExecutionsUseCase list;
    private final ListIterationEventsUseCase logs;
    private final CancelExecutionUseCase cancel;
    private final CancelConversationUseCase cancelConversation;
    private final TreeWait waits;
    private volatile Optional<GetExecutionOutputUseCase> outputs = Optional.empty();
    private volatile Optional<GetManifestUseCase> agents = Optional.empty();

    TaskToolHandlers(OpenConversationUseCase conversations, StartRootExecutionUseCase start, GetExecutionUseCase get,
                     ListExecutionsUseCase list, ListIterationEventsUseCase logs, CancelExecutionUseCase cancel,
                     CancelConversationUseCase cancelConversation, WatchExecutionEventsUseCase watch,
                     McpInFlightCalls inFlight) {
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.start = Objects.requireNonNull(start, "start");
        this.get = Objects.requireNonNull(get, "get");
        this.list = Objects.requireNonNull(list, "list");
        this.logs = Objects.requireNonNull(logs, "logs");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.cancelConversation = Objects.requireNonNull(cancelConversation, "cancelConversation");
        this.waits = new TreeWait(watch, inFlight);
    }

    /** From now on, a finished execution's status and wait answers carry what its last run produced. */
    void showOutputs(GetExecutionOutputUseCase outputs) {
        this.outputs = Optional.of(Objects.requireNonNull(outputs, "outputs"));
    }

    /** From now on, {@code aegis.task.execute} with {@code agent} runs that agent of the caller's registry. */
    void runAgentsFrom(GetManifestUseCase agents) {
        this.agents = Optional.of(Objects.requireNonNull(agents, "agents"));
    }

    /** Plugs the six task tools into the registry. */
    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.task.execute", this::execute)
                .handle("aegis.task.status", this::status)
                .handle("aegis.task.list", this::list)
                .handle("aegis.task.wait", this::await)
                .handle("aegis.task.cancel", this::cancel)
                .handle("aegis.task.logs", this::logs);
    }

    Map<String, Object> execute(ToolCall call) {
        Execution started = startTask(call, taskOf(call, agents));
        Map<String, Object> result = describe(started);
        result.put("next", "Follow it with aegis.task.wait {\"execution_id\": \"" + started.id()
                + "\"} or check it with aegis.task.status; cancel it with aegis.task.cancel.");
        return result;
    }

    /**
     * Starts the root execution of the call's conversation with {@code task}; when one is already
     * active, the refusal says what runs and how to wait for or cancel it.
     */
    Execution startTask(ToolCall call, TaskSpec task) {
        Identity identity = call.caller().identity();
        ConversationId conversation = conversationOf(call, true);
        try {
            return start.start(new StartRootExecutionCommand(identity, conversation, Optional.of(task)));
        } catch (AlreadyExistsException busy) {
            if (!busy.code().equals("execution.root_active")) {
                throw busy;
            }
            throw whatIsRunning(identity, conversation, busy);
        }
    }

    /**
     * The task of the call. Naming an agent runs that agent (its instructions, code and checks) on the
     * request; an agent the caller cannot see is refused before anything starts.
     */
    private static TaskSpec taskOf(ToolCall call, Optional<GetManifestUseCase> agents) {
        Optional<String> agent = call.optionalText("agent");
        if (agent.isPresent()) {
            GetManifestUseCase registry = agents.orElseThrow(() -> new UnavailableException("task.agents_unavailable",
                    "this server has no agent registry, so a task cannot name an agent; describe the task instead"));
            StoredManifest stored = registry.get(new GetManifestQuery(call.caller().identity(), ManifestKind.AGENT,
                    agent.get(), OperatorArguments.none()));
            return ((AgentManifest) stored.manifest()).task("Request: " + call.text("task"), call.optionalText("code"),
                    call.optionalText("runtime"), call.optionalText("expected_output"), Optional.empty());
        }
        return new TaskSpec(call.text("task"), call.optionalText("code"), call.optionalText("runtime"),
                call.optionalText("expected_output"), Optional.empty(), Optional.empty());
    }

    private DomainException whatIsRunning(Identity identity, ConversationId conversation, AlreadyExistsException busy) {
        List<Execution> active = list.list(ListExecutionsQuery.own(identity, ExecutionListFilter.all()
                .inConversation(conversation).onlyRoots()
                .withStatuses(EnumSet.of(ExecutionStatus.PENDING, ExecutionStatus.RUNNING)), 1));
        if (active.isEmpty()) {
            return busy;
        }
        Execution running = active.get(0);
        return new AlreadyExistsException("execution.root_active", "this conversation already has a task running: "
                + "execution " + running.id() + " is " + running.status().displayName() + " (attempt "
                + running.iterationCount() + " of " + running.maxIterations() + ", started " + running.createdAt()
                + "). Wait for it with aegis.task.wait {\"execution_id\": \"" + running.id() + "\"} or cancel it with "
                + "aegis.task.cancel {\"execution_id\": \"" + running.id() + "\"} before starting another.");
    }

    Map<String, Object> status(ToolCall call) {
        Execution execution = get.get(new GetExecutionQuery(call.caller().identity(), executionId(call)));
        return withOutput(call, execution, describe(execution));
    }

    /** Adds {@code output} (stdout, stderr, exit code, files) to the answer about a finished execution that has one. */
    private Map<String, Object> withOutput(ToolCall call, Execution execution, Map<String, Object> answer) {
        if (execution.isTerminal() && outputs.isPresent()) {
            outputs.get().output(new GetExecutionQuery(call.caller().identity(), execution.id()))
                    .ifPresent(output -> answer.put("output", describe(output)));
        }
        return answer;
    }

    private static Map<String, Object> describe(ExecutionOutput output) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("stdout", output.stdout());
        entry.put("stderr", output.stderr());
        entry.put("exit_code", output.exitCode());
        entry.put("truncated", output.truncated());
        entry.put("files", output.files());
        entry.put("file_texts", output.texts());
        return entry;
    }

    Map<String, Object> list(ToolCall call) {
        ExecutionListFilter filter = ExecutionListFilter.all().onlyRoots();
        if (call.conversation().isPresent()) {
            filter = filter.inConversation(call.conversation().get().id());
        }
        Optional<String> status = call.optionalText("status");
        if (status.isPresent()) {
            filter = filter.withStatuses(statuses(status.get()));
        }
        int limit = call.optionalInteger("limit", 1, ListExecutionsQuery.MAX_LIMIT).orElse(50);
        List<Map<String, Object>> tasks = list.list(ListExecutionsQuery.own(call.caller().identity(), filter, limit))
                .stream().map(TaskToolHandlers::describe).toList();
        return Map.of("tasks", tasks);
    }

    Map<String, Object> logs(ToolCall call) {
        boolean children = !call.arguments().containsKey("include_children") || call.flag("include_children");
        List<Map<String, Object>> entries = logs.list(new ListIterationEventsQuery(call.caller().identity(),
                        executionId(call), children)).stream()
                .map(TaskToolHandlers::describe)
                .toList();
        return Map.of("entries", entries);
    }

    Map<String, Object> cancel(ToolCall call) {
        Identity identity = call.caller().identity();
        List<Execution> cancelled;
        if (call.optionalText("execution_id").isPresent()) {
            cancelled = cancel.cancel(new CancelExecutionCommand(identity, executionId(call)));
        } else {
            try {
                cancelled = cancelConversation.cancel(new CancelConversationCommand(identity, conversationOf(call, false)));
            } catch (NotFoundException nothingStarted) {
                cancelled = List.of();
            }
        }
        return Map.of("cancelled", cancelled.stream().map(execution -> execution.id().value()).toList(),
                "message", cancelled.isEmpty() ? "Nothing was running, so nothing was cancelled."
                        : "Cancelled " + cancelled.size() + (cancelled.size() == 1 ? " execution." : " executions."));
    }

    /**
     * Waits for the execution to end, at most the asked seconds (never more than {@value #MAX_WAIT_SECONDS}),
     * sending each iteration sentence as a progress notification when the client asked for progress.
     */
    Map<String, Object> await(ToolCall call) {
        return await(call, executionId(call),
                call.optionalInteger("timeout_seconds", 1, MAX_WAIT_SECONDS).orElse(MAX_WAIT_SECONDS));
    }

    /** The wait of {@link #await(ToolCall)} for any execution a handler started or was asked about. */
    Map<String, Object> await(ToolCall call, ExecutionId id, int seconds) {
        Identity identity = call.caller().identity();
        Execution current = get.get(new GetExecutionQuery(identity, id));
        if (current.isTerminal()) {
            return finished(call, current);
        }
        waits.await(call, id, seconds, new TreeWait.Target() {
            @Override
            public boolean settled() {
                return get.get(new GetExecutionQuery(identity, id)).isTerminal();
            }

            @Override
            public boolean concerns(ExecutionStatusChange change) {
                return change.executionId().equals(id);
            }

            @Override
            public Optional<ExecutionId> closingSentenceOf() {
                return Optional.of(id);
            }
        }, () -> cancel.cancel(new CancelExecutionCommand(identity, id)));
        current = get.get(new GetExecutionQuery(identity, id));
        if (current.isTerminal()) {
            return finished(call, current);
        }
        Map<String, Object> result = describe(current);
        result.put("still_running", true);
        result.put("next", "It is still " + current.status().displayName().toLowerCase(Locale.ROOT)
                + "; call aegis.task.wait again to keep waiting, or aegis.task.status to check.");
        return result;
    }

    private Map<String, Object> finished(ToolCall call, Execution execution) {
        Map<String, Object> result = describe(execution);
        result.put("still_running", false);
        return withOutput(call, execution, result);
    }

    /** The conversation the call works in: the named one, or the MCP session's own. */
    private ConversationId conversationOf(ToolCall call, boolean createIfMissing) {
        if (call.conversation().isPresent()) {
            return call.conversation().get().id();
        }
        ConversationId session = ConversationFilter.sessionConversation(call.exchange().sessionId());
        if (!createIfMissing) {
            return session;
        }
        Identity identity = call.caller().identity();
        ConversationMode mode = identity instanceof Identity.Operator ? ConversationMode.OPERATOR : ConversationMode.AGENTIC;
        Conversation conversation = conversations.open(new OpenConversationCommand(identity, session, Optional.of(mode)));
        return conversation.id();
    }

    private static ExecutionId executionId(ToolCall call) {
        return ExecutionId.of(call.text("execution_id"));
    }

    private static EnumSet<ExecutionStatus> statuses(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        if (wanted.equals("ACTIVE")) {
            return EnumSet.of(ExecutionStatus.PENDING, ExecutionStatus.RUNNING);
        }
        for (ExecutionStatus status : ExecutionStatus.values()) {
            if (status.name().equals(wanted)) {
                return EnumSet.of(status);
            }
        }
        throw new InvalidInputException("tool.argument_invalid",
                "status must be one of pending, running, completed, failed, cancelled, timed_out or active");
    }

    static Map<String, Object> describe(Execution execution) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("execution_id", execution.id().value());
        entry.put("status", execution.status().name().toLowerCase(Locale.ROOT));
        entry.put("conversation_id", execution.conversationId().value());
        entry.put("root_id", execution.rootId().value());
        execution.parentId().ifPresent(parent -> entry.put("parent_id", parent.value()));
        entry.put("depth", execution.depth());
        entry.put("attempts", execution.iterationCount());
        entry.put("max_attempts", execution.maxIterations());
        entry.put("deadline", execution.deadline().toString());
        entry.put("created_at", execution.createdAt().toString());
        entry.put("updated_at", execution.updatedAt().toString());
        return entry;
    }

    private static Map<String, Object> describe(IterationEvent event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("at", event.at().toString());
        entry.put("execution_id", event.executionId().value());
        entry.put("kind", event.kind().name().toLowerCase(Locale.ROOT));
        entry.put("attempt", event.iteration());
        entry.put("sentence", event.sentence());
        return entry;
    }
}
