package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AdmitRateLimitedCallUseCase;
import ai.aegis.application.port.in.CreateVolumeUseCase;
import ai.aegis.application.port.in.DeleteManifestUseCase;
import ai.aegis.application.port.in.DeleteTenantVolumeUseCase;
import ai.aegis.application.port.in.DeleteVolumeUseCase;
import ai.aegis.application.port.in.DeployManifestUseCase;
import ai.aegis.application.port.in.ExportManifestUseCase;
import ai.aegis.application.port.in.FetchWebPageUseCase;
import ai.aegis.application.port.in.GenerateManifestUseCase;
import ai.aegis.application.port.in.GetExecutionOutputUseCase;
import ai.aegis.application.port.in.GetManifestSchemaUseCase;
import ai.aegis.application.port.in.GetManifestUseCase;
import ai.aegis.application.port.in.GetVolumeQuotaUseCase;
import ai.aegis.application.port.in.ListManifestsUseCase;
import ai.aegis.application.port.in.ListRuntimesQuery;
import ai.aegis.application.port.in.ListRuntimesUseCase;
import ai.aegis.application.port.in.ListTenantVolumesUseCase;
import ai.aegis.application.port.in.ListVolumesUseCase;
import ai.aegis.application.port.in.SearchManifestsUseCase;
import ai.aegis.application.port.in.SearchWebUseCase;
import ai.aegis.application.port.in.ValidateManifestUseCase;
import ai.aegis.application.port.in.CancelWorkflowRunUseCase;
import ai.aegis.application.port.in.GetWorkflowRunUseCase;
import ai.aegis.application.port.in.ListWorkflowRunLogUseCase;
import ai.aegis.application.port.in.RunWorkflowUseCase;
import ai.aegis.application.port.in.SignalWorkflowRunUseCase;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * The whole MCP surface for zaru-client, assembled from the application's use cases: every tool of
 * DESIGN.md §4 in one {@link McpToolRegistry} (tool discovery, tasks, Execute mode and audit from
 * the start; the rest through the {@code serve…} methods before {@link #endpoints(String)}), the context
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
        new ExecuteToolHandlers(tasks).registerIn(tools);
        // An agent's run is an execution: its log and its wait are the task's.
        tools.handle("aegis.agent.logs", tools.handler("aegis.task.logs"))
                .handle("aegis.agent.wait", tools.handler("aegis.task.wait"));
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

    /**
     * Serves operator administration: {@code aegis.user.get|list|update}, {@code aegis.tenant.get|list|update},
     * {@code aegis.system.info|config} and {@code aegis.task.remove}. Call before {@link #endpoints}.
     */
    public McpSurface serveAdministration(ai.aegis.application.port.in.GetUserAccountUseCase getUser,
                                          ai.aegis.application.port.in.ListUserAccountsUseCase listUsers,
                                          ai.aegis.application.port.in.UpdateUserAccountUseCase updateUser,
                                          ai.aegis.application.port.in.GetTenantAccountUseCase getTenant,
                                          ai.aegis.application.port.in.ListTenantAccountsUseCase listTenants,
                                          ai.aegis.application.port.in.UpdateTenantAccountUseCase updateTenant,
                                          ai.aegis.application.port.in.GetSystemInfoUseCase systemInfo,
                                          ai.aegis.application.port.in.RemoveExecutionUseCase removeExecution,
                                          ai.aegis.application.port.in.ConfigureSystemUseCase configure) {
        new AdministrationToolHandlers(getUser, listUsers, updateUser, getTenant, listTenants, updateTenant, systemInfo,
                removeExecution, configure).registerIn(tools);
        return this;
    }

    /**
     * Serves workflow runs ({@code aegis.workflow.run|logs|wait|cancel|signal}); the registry tools
     * come from {@link #serveRegistry}. Call before {@link #endpoints}.
     */
    public McpSurface serveWorkflows(RunWorkflowUseCase run, GetWorkflowRunUseCase get, ListWorkflowRunLogUseCase logs,
                                     SignalWorkflowRunUseCase signal, CancelWorkflowRunUseCase cancel) {
        new WorkflowToolHandlers(run, get, logs, signal, cancel, useCases.conversations(), useCases.watchExecutions(),
                inFlight).registerIn(tools);
        return this;
    }

    /** Serves {@code aegis.runtime.list}: the runtimes live nodes that may run the caller's work offer. */
    public McpSurface serveRuntimes(ListRuntimesUseCase runtimes) {
        Objects.requireNonNull(runtimes, "runtimes");
        tools.handle("aegis.runtime.list", call -> java.util.Map.of("runtimes",
                runtimes.list(new ListRuntimesQuery(call.caller().identity()))));
        return this;
    }

    /** Serves {@code aegis.agent.generate} and {@code aegis.workflow.generate} (the authoring loop). Call before {@link #endpoints}. */
    public McpSurface serveAuthoring(GenerateManifestUseCase generate) {
        new AuthoringToolHandlers(generate).registerIn(tools);
        return this;
    }

    /** Lets {@code aegis.task.execute} name an agent of the caller's registry to run. */
    public McpSurface runAgentsFrom(GetManifestUseCase agents) {
        tasks.runAgentsFrom(agents);
        return this;
    }

    /** Shows what a finished task's last run produced in {@code aegis.task.status} and {@code aegis.task.wait}. */
    public McpSurface serveTaskOutputs(GetExecutionOutputUseCase outputs) {
        tasks.showOutputs(outputs);
        return this;
    }

    /** Serves {@code web.fetch} and {@code web.search} through the web service. Call before {@link #endpoints}. */
    public McpSurface serveWeb(FetchWebPageUseCase fetch, SearchWebUseCase search) {
        new WebToolHandlers(fetch, search).registerIn(tools);
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
