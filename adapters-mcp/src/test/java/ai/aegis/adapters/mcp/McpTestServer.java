package ai.aegis.adapters.mcp;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryConversationRepositoryAdapter;
import ai.aegis.application.memory.InMemoryExecutionRepositoryAdapter;
import ai.aegis.application.memory.InMemoryIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryIterationEventRepositoryAdapter;
import ai.aegis.application.memory.InMemoryLimitOverridesAdapter;
import ai.aegis.application.memory.InMemoryManifestRegistryAdapter;
import ai.aegis.application.memory.InMemoryRateLimitCounterAdapter;
import ai.aegis.application.memory.InMemoryVolumeIdGeneratorAdapter;
import ai.aegis.application.memory.InMemoryVolumeRepositoryAdapter;
import ai.aegis.application.memory.InMemoryVolumeStorageAdapter;
import ai.aegis.application.memory.InMemoryWorkflowRunRepositoryAdapter;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.ExecutionEventPublisherPort;
import ai.aegis.application.service.AuditQueryService;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.application.service.ExecutionQueryService;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.application.service.ExecutionWatchService;
import ai.aegis.application.service.ManifestRegistryService;
import ai.aegis.application.service.ManifestSchemaService;
import ai.aegis.application.service.OpenConversationService;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.application.service.RefusalAuditService;
import ai.aegis.application.service.ToolAccessService;
import ai.aegis.application.service.VolumeService;
import ai.aegis.application.service.WorkflowRunService;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.execution.ExecutionStatusChange;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MCP surface on a real Jetty server with the real application services over the in-memory
 * twins. Credentials are test doubles at the boundary: the bearer token names one of the
 * identities below (token verification itself is tested in adapters-identity and bootstrap); the
 * identity headers are checked against it as the real middleware does.
 */
final class McpTestServer implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

    final Map<String, Identity> identities = new LinkedHashMap<>();
    final InMemoryClockAdapter clock = new InMemoryClockAdapter(START);
    final InMemoryConversationRepositoryAdapter conversations = new InMemoryConversationRepositoryAdapter();
    final InMemoryExecutionRepositoryAdapter executionStore = new InMemoryExecutionRepositoryAdapter();
    final InMemoryIterationEventRepositoryAdapter iterations = new InMemoryIterationEventRepositoryAdapter();
    final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    final ai.aegis.application.memory.InMemoryExecutionTaskAdapter tasks =
            new ai.aegis.application.memory.InMemoryExecutionTaskAdapter();
    final ExecutionQueryService queries;
    final ExecutionWatchService watches;
    final ExecutionEventFanOut fanOut;
    /** The limits every service of this server reads: tests set overrides here at runtime. */
    final InMemoryLimitOverridesAdapter overrides = new InMemoryLimitOverridesAdapter();
    /** What the fake node inventory offers ({@code aegis.runtime.list}). */
    final List<String> runtimes = new java.util.concurrent.CopyOnWriteArrayList<>(List.of("python", "bash"));
    final ExecutionService executions;
    /** The agent and workflow registry's store (tests deploy into a named tenant through the use case). */
    final InMemoryManifestRegistryAdapter manifestStore = new InMemoryManifestRegistryAdapter();
    /** Workflow runs; told of every execution status change, as the LISTEN/NOTIFY listener does in serve. */
    final WorkflowRunService workflows;
    final McpSurface surface;
    final McpEndpoints endpoints;
    final McpHttpServer http;
    final String base;

    McpTestServer() {
        this(server -> {
        });
    }

    /**
     * A server whose surface {@code wiring} extends (e.g. {@code server.surface.serveWeb(…)}) before its
     * endpoints are built; it sees the server's stores (audit, clock) already set up.
     */
    McpTestServer(java.util.function.Consumer<McpTestServer> wiring) {
        for (ZaruTier tier : ZaruTier.values()) {
            String name = "user-" + tier.slug();
            identities.put(name, Identity.zaruUser(ZaruUserId.of(name),
                    TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier));
        }
        for (AegisRole role : AegisRole.values()) {
            identities.put("op-" + role.claimValue(), Identity.operator("op-" + role.claimValue(), role));
        }
        queries = new ExecutionQueryService(executionStore, iterations, audit, clock);
        fanOut = new ExecutionEventFanOut();
        watches = new ExecutionWatchService(queries, fanOut);
        executions = new ExecutionService(conversations, executionStore, iterations, new InMemoryLimitOverridesAdapter(),
                observedByWorkflows(fanOut), audit, clock,
                new InMemoryIdGeneratorAdapter(), ai.aegis.domain.execution.ExecutionTree.DEFAULT_MAX_DEPTH, tasks);
        ToolAccessService toolAccess = new ToolAccessService(conversations, audit, clock);
        RefusalAuditService refusals = new RefusalAuditService(audit, clock);
        surface = new McpSurface(new McpUseCases(toolAccess, toolAccess, refusals,
                new AuditQueryService(audit, new InMemoryLimitOverridesAdapter(), clock),
                new OpenConversationService(conversations, audit, clock), executions, queries, queries, queries,
                executions, executions, watches), ContextPanel.Source.NONE);
        ManifestRegistryService registry = new ManifestRegistryService(manifestStore, overrides,
                audit, clock);
        ManifestSchemaService schemas = new ManifestSchemaService();
        VolumeService volumes = new VolumeService(new InMemoryVolumeRepositoryAdapter(), new InMemoryVolumeStorageAdapter(),
                overrides, audit, clock, new InMemoryVolumeIdGeneratorAdapter());
        surface.serveRegistry(registry, registry, registry, registry, registry, schemas, schemas)
                .serveVolumes(volumes, volumes, volumes, volumes, volumes, volumes)
                .serveRuntimes(query -> List.copyOf(runtimes))
                .serveTaskOutputs(new ai.aegis.application.service.ExecutionOutputService(queries, tasks))
                .runAgentsFrom(registry)
                .limitRates(new RateLimitService(overrides, new InMemoryRateLimitCounterAdapter(), audit, clock));
        workflows = new WorkflowRunService(new InMemoryWorkflowRunRepositoryAdapter(), manifestStore, executionStore,
                executions, queries, audit, clock);
        surface.serveWorkflows(workflows, workflows, workflows, workflows, workflows);
        wiring.accept(this);
        endpoints = surface.endpoints("test");
        List<McpHttpServer.FilterMount> filters = new ArrayList<>(List.of(
                new McpHttpServer.FilterMount("/mcp/*", new OriginFilter(List.of())),
                new McpHttpServer.FilterMount("/mcp/*", new ProtocolVersionFilter()),
                new McpHttpServer.FilterMount("/mcp/*", new ZaruAuthFilter(authentication(), refusals,
                        request -> "http://test" + ProtectedResourceMetadataServlet.PATH))));
        filters.addAll(surface.filters());
        http = McpHttpServer.start("127.0.0.1", 0, filters, endpoints.servlets());
        base = "http://127.0.0.1:" + http.port();
    }

    /** The fan-out, and then the workflow runs (once they exist), hear every execution event. */
    private ExecutionEventPublisherPort observedByWorkflows(ExecutionEventFanOut events) {
        return new ExecutionEventPublisherPort() {
            @Override
            public void statusChanged(ExecutionStatusChange change) {
                events.statusChanged(change);
                if (workflows != null) {
                    workflows.observe(change);
                }
            }

            @Override
            public void iterationReported(TenantId tenantId, IterationEvent event) {
                events.iterationReported(tenantId, event);
            }
        };
    }

    private AuthenticateCallerUseCase authentication() {
        return command -> {
            String[] segments = command.credential().reveal().split("\\.");
            Identity identity = segments.length == 3 ? identities.get(segments[1]) : null;
            if (identity == null) {
                throw new UnauthenticatedException("token.invalid", "the bearer token is not valid");
            }
            if (command.userIdHeader().isPresent() && !command.userIdHeader().get().equals(identity.subject())) {
                throw new AccessDeniedException("identity.header_mismatch", "X-Zaru-User-ID does not match the token");
            }
            Instant now = Instant.now();
            SecurityToken token = new SecurityToken("tok-" + UUID.randomUUID().toString().replace("-", ""),
                    identity.subject(), identity.kind(),
                    identity instanceof Identity.ZaruUser user ? user.tenantId() : TenantScope.SYSTEM,
                    SecurityContextName.forIdentity(identity), null, now, now.plus(Duration.ofHours(1)));
            return new AuthenticatedCaller(identity, new SignedSecurityToken(token, "compact-" + identity.subject()));
        };
    }

    Identity identity(String token) {
        return identities.get(token);
    }

    @Override
    public void close() {
        endpoints.close();
        http.close();
    }
}
