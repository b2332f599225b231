package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AdmitRateLimitedCallCommand;
import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.AuthorizeToolCallCommand;
import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.application.port.in.RecordRefusalCommand;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.application.port.out.OperationalMetricsPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.limits.RateLimitedResource;
import ai.aegis.domain.security.ToolAccess;
import ai.aegis.domain.security.ToolCatalog;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.security.ToolFamily;
import ai.aegis.domain.tenancy.TenantScope;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * Every AEGIS tool a person can reach over MCP, and the handler behind each, in one table: tool
 * name → {@link AegisToolHandler}. Every tool of DESIGN.md §4 is registered from the start, with
 * its schema, description and annotations; its handler is plugged in with
 * {@link #handle(String, AegisToolHandler)} by whoever assembles the server. A tool the assembly left
 * out answers {@link #notServed} (an {@code isError} result naming the missing part); {@code aegis
 * serve} plugs every tool in and refuses to start otherwise ({@link #unservedTools()}), so only
 * partial assemblies (tests, embedders) ever give that answer.
 *
 * <p>Every call goes through the same steps before its handler runs: the verified caller; the same
 * decision {@code tools/list} shows (tier context ∩ conversation mode ∩ role; the SDK's list filter
 * only hides tools, so the call is checked again — a hidden tool named in a call is refused with the
 * reason {@code aegis.tools.search} gives); consumers passing operator-only arguments are refused;
 * refusals are audited. Handler failures become {@code isError} results with a safe message.
 */
public final class McpToolRegistry {

    /** Arguments only platform operators may pass. */
    public static final Set<String> OPERATOR_ONLY_ARGUMENTS = Set.of("force", "version");

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final McpSchema.ListToolsResult NOTHING_LISTED = new McpSchema.ListToolsResult(List.of(), null);

    private final AuthorizeToolCallUseCase authorize;
    private final ResolveVisibleToolsUseCase visibleTools;
    private final RecordRefusalUseCase refusals;
    private final Map<String, AegisToolHandler> handlers = new LinkedHashMap<>();
    private final Map<String, Set<String>> visibleByAudience = new ConcurrentHashMap<>();
    private final Map<String, Listing> listingByAudience = new ConcurrentHashMap<>();
    private volatile List<McpSchema.Tool> offered;
    private volatile AdmitRateLimitedCallUseCase rateLimits;
    private volatile OperationalMetricsPort metrics;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(McpToolRegistry.class);

    /** The tools whose call starts an execution, and which execution rate that start counts against. */
    private static final Map<String, RateLimitedResource> STARTS = Map.of(
            "aegis.task.execute", RateLimitedResource.AGENT_EXECUTION,
            "aegis.execute.intent", RateLimitedResource.AGENT_EXECUTION,
            "aegis.workflow.run", RateLimitedResource.WORKFLOW_EXECUTION);

    /** A registry with every MCP tool registered, each answering {@link #notServed} until its handler is plugged in. */
    public McpToolRegistry(AuthorizeToolCallUseCase authorize, ResolveVisibleToolsUseCase visibleTools,
                           RecordRefusalUseCase refusals) {
        this.authorize = Objects.requireNonNull(authorize, "authorize");
        this.visibleTools = Objects.requireNonNull(visibleTools, "visibleTools");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        for (String name : mcpToolNames()) {
            handlers.put(name, notServed(name));
        }
    }

    /** The tools offered over MCP: every catalog tool except the agent runtime's own. */
    public static List<String> mcpToolNames() {
        List<String> names = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (tool.access() != ToolAccess.AGENT_RUNTIME_ONLY) {
                names.add(tool.name());
            }
        }
        return names;
    }

    /**
     * Plugs the real handler of a tool in, replacing whatever answered before.
     *
     * @throws IllegalArgumentException for a name that is not an MCP tool
     */
    public McpToolRegistry handle(String toolName, AegisToolHandler handler) {
        if (!handlers.containsKey(toolName)) {
            throw new IllegalArgumentException("not an MCP tool: " + toolName);
        }
        handlers.put(toolName, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * The handler now behind a tool, e.g. to reuse {@code aegis.task.logs} for {@code aegis.agent.logs}.
     *
     * @throws IllegalArgumentException for a name that is not an MCP tool
     */
    public AegisToolHandler handler(String toolName) {
        AegisToolHandler handler = handlers.get(toolName);
        if (handler == null) {
            throw new IllegalArgumentException("not an MCP tool: " + toolName);
        }
        return handler;
    }

    /** True when the tool has a real handler (not the {@link #notServed} answer). */
    public boolean isAvailable(String toolName) {
        AegisToolHandler handler = handlers.get(toolName);
        return handler != null && !(handler instanceof NotServed);
    }

    /** The tools no real handler was plugged in for, in catalog order (empty for a complete server). */
    public List<String> unservedTools() {
        List<String> unserved = new ArrayList<>();
        handlers.forEach((name, handler) -> {
            if (handler instanceof NotServed) {
                unserved.add(name);
            }
        });
        return unserved;
    }

    /** The answer of a tool this server was assembled without: {@code tool.not_served}, naming what is missing. */
    public static AegisToolHandler notServed(String toolName) {
        return new NotServed(toolName);
    }

    private record NotServed(String toolName) implements AegisToolHandler {
        @Override
        public Map<String, Object> handle(ToolCall call) {
            throw new UnavailableException("tool.not_served", toolName + " is not served here: it needs "
                    + missingPiece(toolName) + ", which this server was started without");
        }
    }

    private static String missingPiece(String toolName) {
        ToolFamily family = ToolCatalog.find(toolName).map(ToolDescriptor::family).orElse(ToolFamily.TOOLS);
        if (toolName.endsWith(".generate")) {
            return "the authoring loop with a configured language model";
        }
        switch (family) {
            case WEB:
                return "the web fetch and search service";
            case SCHEMA:
            case AGENT:
            case WORKFLOW:
                return "the agent and workflow registry";
            case EXECUTE:
                return "Execute-mode code execution (the sandbox node and the language model)";
            case RUNTIME:
                return "the runtime inventory of the nodes";
            case VOLUME:
                return "the volume service";
            case TASK:
                return "execution record removal";
            default:
                return "operator administration";
        }
    }

    /** The SDK tool specifications, one per MCP tool, all behind the same authorisation step. */
    public List<McpServerFeatures.SyncToolSpecification> specifications() {
        List<McpServerFeatures.SyncToolSpecification> specifications = new ArrayList<>();
        for (String name : handlers.keySet()) {
            specifications.add(McpServerFeatures.SyncToolSpecification.builder().tool(tool(name))
                    .callHandler((exchange, request) -> call(name, exchange, request))
                    .build());
        }
        return specifications;
    }

    /** The MCP description of one tool: schema, description and annotations. */
    private static McpSchema.Tool tool(String name) {
        ToolDescriptor descriptor = ToolCatalog.find(name).orElseThrow();
        ToolDefinitions.Definition definition = ToolDefinitions.find(name)
                .orElseThrow(() -> new IllegalStateException("no MCP definition for tool " + name));
        return McpSchema.Tool.builder()
                .name(name)
                .title(definition.title())
                .description(definition.description())
                .inputSchema(new McpSchema.JsonSchema("object", definition.properties(), definition.required(),
                        false, null, null))
                .annotations(McpSchema.ToolAnnotations.builder().title(definition.title())
                        .readOnlyHint(descriptor.readOnly())
                        .destructiveHint(descriptor.destructive())
                        .idempotentHint(descriptor.readOnly() || name.endsWith(".cancel"))
                        .openWorldHint(descriptor.family() == ToolFamily.WEB)
                        .build())
                .build();
    }

    /**
     * Answers {@code tools/list} in place of the SDK's handler, with what {@link #listFilter()} would
     * let through, in the same order, already serialised: the answer is a pure function of the
     * caller's tier or role and the conversation's mode over a static catalog, so it is built once
     * per audience and kept (a handful of audiences). The SDK writes the cached JSON into each
     * response as it is, instead of filtering every tool through Reactor and serialising some 20 KB
     * of schemas on every request.
     */
    McpRequestHandler<Object> listHandler() {
        return (exchange, params) -> Mono.fromCallable(() -> {
            McpTransportContext context = exchange.transportContext();
            try {
                Listing listing = listing(McpCallerContext.caller(context).identity(),
                        McpCallerContext.conversation(context));
                return listing == null ? NOTHING_LISTED : listing.raw();
            } catch (DomainException noCaller) {
                return NOTHING_LISTED;
            }
        });
    }

    /**
     * The {@code tools/list} result for this caller in this conversation as UTF-8 JSON, exactly what
     * {@link #listHandler()} answers; null when the visibility cannot be decided now (then the SDK's
     * path answers, as for any other request).
     */
    byte[] listingJson(Identity identity, Optional<Conversation> conversation) {
        Listing listing = listing(identity, conversation);
        return listing == null ? null : listing.utf8();
    }

    /** One audience's {@code tools/list} result, serialised once. */
    private record Listing(RawValue raw, byte[] utf8) {
    }

    private Listing listing(Identity identity, Optional<Conversation> conversation) {
        String audience = audience(identity, conversation);
        Listing cached = listingByAudience.get(audience);
        if (cached != null) {
            return cached;
        }
        Set<String> visible;
        try {
            visible = visibleNames(identity, conversation);
        } catch (DomainException undecided) {
            // As the list filter: a tool whose visibility cannot be decided is not shown; nothing is kept.
            return null;
        }
        List<McpSchema.Tool> listed = offered().stream().filter(tool -> visible.contains(tool.name())).toList();
        String json;
        try {
            json = McpJsonDefaults.getMapper().writeValueAsString(new McpSchema.ListToolsResult(listed, null));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the tool descriptions cannot be serialised", e);
        }
        Listing built = new Listing(new RawValue(json), json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Listing raced = listingByAudience.putIfAbsent(audience, built);
        return raced == null ? built : raced;
    }

    /** Every MCP tool's description, in registration order (the SDK lists in this order). */
    private List<McpSchema.Tool> offered() {
        List<McpSchema.Tool> tools = offered;
        if (tools == null) {
            tools = handlers.keySet().stream().map(McpToolRegistry::tool).toList();
            offered = tools;
        }
        return tools;
    }

    /** Shows a tool in {@code tools/list} only when the caller may call it in the named conversation's mode. */
    public McpSyncListFilter<McpSchema.Tool> listFilter() {
        return (context, tool) -> {
            try {
                return visibleNames(context).contains(tool.name());
            } catch (DomainException e) {
                return false;
            }
        };
    }

    /** The names the caller of this request may call (cached per tier or role and mode: a pure function of them). */
    Set<String> visibleNames(McpTransportContext context) {
        AuthenticatedCaller caller = McpCallerContext.caller(context);
        return visibleNames(caller.identity(), McpCallerContext.conversation(context));
    }

    private Set<String> visibleNames(Identity identity, Optional<Conversation> conversation) {
        return visibleByAudience.computeIfAbsent(audience(identity, conversation), ignored -> visibleTools.resolve(
                        new ResolveVisibleToolsQuery(identity, conversation.map(Conversation::mode))).stream()
                .map(ToolDescriptor::name)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** What the visible tools depend on: the tier (or operator role) and the conversation's mode. */
    private static String audience(Identity identity, Optional<Conversation> conversation) {
        return (identity instanceof Identity.ZaruUser user ? "tier:" + user.tier()
                : "role:" + ((Identity.Operator) identity).role())
                + "|" + conversation.map(c -> c.mode().name()).orElse("-");
    }

    /**
     * Wraps the SDK's {@code tools/call} so that a name AEGIS does not offer over MCP is refused like
     * any other hidden tool (an {@code isError} result with {@code tool.unknown} or the context's
     * reason, audited) instead of the SDK's bare protocol error.
     */
    McpRequestHandler<Object> guardUnknownTools(McpRequestHandler<?> sdk) {
        return (exchange, params) -> {
            Object name = params instanceof Map<?, ?> map ? map.get("name") : null;
            if (name instanceof String known && handlers.containsKey(known)) {
                return sdk.handle(exchange, params).map(result -> (Object) result);
            }
            return Mono.fromCallable(() -> refuseUnoffered(exchange.transportContext(), name == null ? "" : name.toString()));
        };
    }

    private Object refuseUnoffered(McpTransportContext context, String name) {
        try {
            AuthenticatedCaller caller = McpCallerContext.caller(context);
            authorize.authorize(new AuthorizeToolCallCommand(caller.identity(),
                    McpCallerContext.conversation(context).map(Conversation::id), name));
            // Allowed by policy but not offered over MCP (an agent-runtime tool reached by an operator).
            throw new AccessDeniedException("tool.not_offered", "tool " + name + " is only available to running agents, "
                    + "not over MCP");
        } catch (DomainException refusal) {
            return McpToolErrors.result(refusal);
        }
    }

    private McpSchema.CallToolResult call(String name, McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        long started = System.nanoTime();
        String outcome = "ok";
        inFlight.incrementAndGet();
        try {
            McpTransportContext context = exchange.transportContext();
            AuthenticatedCaller caller = McpCallerContext.caller(context);
            MDC.put("tenant", TenantScope.of(caller.identity()).value());
            MDC.put("tool", name);
            Optional<Conversation> conversation = McpCallerContext.conversation(context);
            authorize.authorize(new AuthorizeToolCallCommand(caller.identity(),
                    conversation.map(Conversation::id), name));
            Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
            refuseOperatorArguments(caller.identity(), name, arguments);
            admitRates(caller.identity(), name);
            Optional<Object> progressToken = Optional.ofNullable(request.meta() == null ? null
                    : request.meta().get("progressToken"));
            ToolCall call = new ToolCall(name, caller, conversation, arguments, exchange, progressToken,
                    McpCallerContext.requestId(context));
            Map<String, Object> result = handlers.get(name).handle(call);
            return McpSchema.CallToolResult.builder()
                    .structuredContent(result)
                    .addTextContent(JSON.writeValueAsString(result))
                    .build();
        } catch (DomainException refusal) {
            outcome = refusal.kind().name().toLowerCase(java.util.Locale.ROOT);
            OperationalMetricsPort observer = metrics;
            if (observer != null && refusal instanceof LimitExceededException) {
                observer.limitRefused("mcp", refusal.code());
            }
            return McpToolErrors.result(refusal);
        } catch (RuntimeException failure) {
            outcome = "failed";
            throw failure;
        } finally {
            if (inFlight.decrementAndGet() == 0) {
                synchronized (inFlight) {
                    inFlight.notifyAll();
                }
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            MDC.put("outcome", outcome);
            LOG.info("tool call {} ended: {} in {} ms", name, outcome, took.toMillis());
            MDC.remove("outcome");
            MDC.remove("tool");
            MDC.remove("tenant");
            OperationalMetricsPort observer = metrics;
            if (observer != null) {
                observer.requestEnded("mcp", name, outcome, took);
            }
        }
    }

    /**
     * Waits until no tool call is running, or {@code grace} has passed; true when none is. A server
     * that stops taking requests calls this so that calls already running can answer.
     */
    public boolean awaitIdle(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (inFlight) {
            while (inFlight.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    inFlight.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return inFlight.get() == 0;
                }
            }
            return true;
        }
    }

    /** Reports every tool call's tool, outcome and duration to {@code observer} from now on. */
    public McpToolRegistry observeWith(OperationalMetricsPort observer) {
        this.metrics = Objects.requireNonNull(observer, "observer");
        return this;
    }

    /**
     * Counts the call against the caller's rate limits, after the allow/deny decision (so a caller
     * refused a tool never uses quota, nor someone else's) and before the handler does any work. A
     * tool that starts an execution also counts one against the execution rate, first, so a refused
     * start leaves the tool-call count as it was.
     */
    private void admitRates(Identity identity, String toolName) {
        AdmitRateLimitedCallUseCase limits = rateLimits;
        if (limits == null) {
            return;
        }
        RateLimitedResource starts = STARTS.get(toolName);
        if (starts != null) {
            limits.admit(AdmitRateLimitedCallCommand.of(identity, starts, false));
        }
        limits.admit(AdmitRateLimitedCallCommand.toolCall(identity, toolName));
    }

    /**
     * Holds every tool call to the caller's rate limits from now on (tool-call patterns, and agent
     * or workflow executions for the tools that start them).
     */
    public McpToolRegistry limitRates(AdmitRateLimitedCallUseCase limits) {
        this.rateLimits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    private void refuseOperatorArguments(Identity identity, String toolName, Map<String, Object> arguments) {
        if (identity instanceof Identity.Operator) {
            return;
        }
        for (String argument : OPERATOR_ONLY_ARGUMENTS) {
            if (arguments.containsKey(argument)) {
                refusals.record(new RecordRefusalCommand(identity, "tool.call", "tool.operator_argument"));
                throw new AccessDeniedException("tool.operator_argument", "the argument '" + argument + "' of " + toolName
                        + " is for platform operators only; call " + toolName + " without it");
            }
        }
    }
}
