package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.in.CreateVolumeUseCase;
import ai.aegis.application.port.in.DeleteManifestUseCase;
import ai.aegis.application.port.in.DeleteTenantVolumeUseCase;
import ai.aegis.application.port.in.DeleteVolumeUseCase;
import ai.aegis.application.port.in.DeployManifestUseCase;
import ai.aegis.application.port.in.ExportManifestUseCase;
import ai.aegis.application.port.in.GetManifestSchemaUseCase;
import ai.aegis.application.port.in.GetVolumeQuotaUseCase;
import ai.aegis.application.port.in.ListManifestsUseCase;
import ai.aegis.application.port.in.ListRuntimesQuery;
import ai.aegis.application.port.in.ListRuntimesUseCase;
import ai.aegis.application.port.in.ListTenantVolumesUseCase;
import ai.aegis.application.port.in.ListVolumesUseCase;
import ai.aegis.application.port.in.SearchManifestsUseCase;
import ai.aegis.application.port.in.ValidateManifestUseCase;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The whole MCP surface for zaru-client, assembled from the application's use cases: every tool of
 * DESIGN.md §4 in one {@link McpToolRegistry} (real handlers for tool discovery, tasks and audit;
 * "not available yet" for the rest until their owners plug theirs in with
 * {@code surface.tools().handle(name, handler)} before {@link #endpoints(String)}), the context
 * panel, cancellation of in-flight calls, and the HTTP filters that name the conversation and the
 * JSON-RPC id of each call.
 */
public final class McpSurface {

    private final McpUseCases useCases;
    private final McpToolRegistry tools;
    private final ContextPanel panel;
    private final McpInFlightCalls inFlight = new McpInFlightCalls();
    private final TaskToolHandlers tasks;
    private final ToolsListFastPath toolsList;

    public McpSurface(McpUseCases useCases, ContextPanel.Source registry) {
        this.useCases = Objects.requireNonNull(useCases, "useCases");
        this.tools = new McpToolRegistry(useCases.authorize(), useCases.visibleTools(), useCases.refusals());
        this.panel = new ContextPanel(useCases.visibleTools(), registry);
        this.toolsList = new ToolsListFastPath(tools);
        new ToolDiscoveryHandlers(useCases.visibleTools()).registerIn(tools);
        tasks = new TaskToolHandlers(useCases.conversations(), useCases.startRoot(), useCases.getExecution(),
                useCases.listExecutions(), useCases.iterationLogs(), useCases.cancelExecution(),
                useCases.cancelConversation(), useCases.watchExecutions(), inFlight);
        tasks.registerIn(tools);
        tools.handle(AuditListToolHandler.NAME, new AuditListToolHandler(useCases.audit()));
    }

    /**
     * Serves the agent and workflow registry ({@code aegis.agent|workflow.list|search|export|create|update|delete})
     * and the manifest schemas. Call before {@link #endpoints}.
     */
    public McpSurface serveRegistry(ListManifestsUseCase list, SearchManifestsUseCase search, ExportManifestUseCase export,
                                    DeployManifestUseCase deploy, DeleteManifestUseCase delete,
                                    GetManifestSchemaUseCase schemas, ValidateManifestUseCase validate) {
        new RegistryToolHandlers(list, search, export, deploy, delete, schemas, validate).registerIn(tools);
        panel.showRegistry(new RegistryPanelSource(list));
        return this;
    }

    /** Serves tenant volumes ({@code aegis.volume.*}, operators' list_all and purge included). Call before {@link #endpoints}. */
    public McpSurface serveVolumes(CreateVolumeUseCase create, ListVolumesUseCase list, DeleteVolumeUseCase delete,
                                   GetVolumeQuotaUseCase quota, ListTenantVolumesUseCase listTenant,
                                   DeleteTenantVolumeUseCase deleteTenant) {
        new VolumeToolHandlers(create, list, delete, quota, listTenant, deleteTenant).registerIn(tools);
        return this;
    }

    /** Serves {@code aegis.runtime.list}: the runtimes live nodes that may run the caller's work offer. */
    public McpSurface serveRuntimes(ListRuntimesUseCase runtimes) {
        Objects.requireNonNull(runtimes, "runtimes");
        tools.handle("aegis.runtime.list", call -> java.util.Map.of("runtimes",
                runtimes.list(new ListRuntimesQuery(call.caller().identity()))));
        return this;
    }

    /** Holds every tool call to the caller's rate limits (see {@link McpToolRegistry#limitRates}). */
    public McpSurface limitRates(AdmitRateLimitedCallUseCase limits) {
        tools.limitRates(limits);
        return this;
    }

    /** The tool table: plug a real handler in with {@code tools().handle("aegis.agent.list", handler)}. */
    public McpToolRegistry tools() {
        return tools;
    }

    /**
     * For long tools ({@code aegis.execute.intent}, {@code *.generate}, {@code *.wait}): waits for
     * {@code execution} to end, at most {@code seconds} (capped at {@value TaskToolHandlers#MAX_WAIT_SECONDS}),
     * sending each iteration sentence of its tree as MCP progress, cancelling the tree when the client
     * cancels the call; returns the execution's status with {@code still_running}.
     */
    public Map<String, Object> awaitExecution(ToolCall call, ai.aegis.domain.execution.ExecutionId execution,
                                              int seconds) {
        return tasks.await(call, execution, Math.min(Math.max(seconds, 1), TaskToolHandlers.MAX_WAIT_SECONDS));
    }

    /** Both MCP transports serving this surface. Plug every handler in before calling this. */
    public McpEndpoints endpoints(String version) {
        McpNotificationHandler cancelled = (exchange, params) -> Mono.fromRunnable(() -> {
            Object requestId = params instanceof Map<?, ?> map ? map.get("requestId") : null;
            if (requestId != null) {
                inFlight.cancel(exchange.sessionId(), requestId.toString());
            }
        });
        Map<String, McpRequestHandler<?>> requests = new java.util.LinkedHashMap<>(panel.requestHandlers());
        requests.put(io.modelcontextprotocol.spec.McpSchema.METHOD_TOOLS_LIST, tools.listHandler());
        McpEndpoints endpoints = McpEndpoints.create(version, tools.specifications(), tools.listFilter(),
                McpCallerContext.extractor(), requests, Map.of("notifications/cancelled", cancelled),
                tools::guardUnknownTools);
        toolsList.serve(endpoints.streamableSessions());
        return endpoints;
    }

    /**
     * The filters to mount on {@code /mcp/*} after {@link ZaruAuthFilter}, in this order: the
     * conversation the request names, the JSON-RPC id of a tool call, then the Streamable HTTP
     * {@code tools/list} answer from the serialised listing ({@link ToolsListFastPath}).
     */
    public List<McpHttpServer.FilterMount> filters() {
        return List.of(
                new McpHttpServer.FilterMount("/mcp/*", new ConversationFilter(useCases.conversations(),
                        useCases.cancelConversation())),
                new McpHttpServer.FilterMount("/mcp/*", new JsonRpcIdFilter()),
                new McpHttpServer.FilterMount("/mcp/*", toolsList));
    }

    /** How many long calls are in flight (for tests). */
    int callsInFlight() {
        return inFlight.size();
    }
}
