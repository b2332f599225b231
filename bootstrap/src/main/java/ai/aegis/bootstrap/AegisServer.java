package ai.aegis.bootstrap;

import ai.aegis.adapters.grpc.GrpcServerHost;
import ai.aegis.adapters.grpc.GrpcServices;
import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.mcp.ContextPanel;
import ai.aegis.adapters.mcp.JwksServlet;
import ai.aegis.adapters.mcp.McpEndpoints;
import ai.aegis.adapters.mcp.McpHttpServer;
import ai.aegis.adapters.mcp.McpSurface;
import ai.aegis.adapters.mcp.McpToolRegistry;
import ai.aegis.adapters.mcp.McpUseCases;
import ai.aegis.adapters.mcp.OriginFilter;
import ai.aegis.adapters.mcp.ProtectedResourceMetadataServlet;
import ai.aegis.adapters.mcp.ProtocolVersionFilter;
import ai.aegis.adapters.mcp.ZaruAuthFilter;
import ai.aegis.adapters.model.OpenAiCompatibleModelAdapter;
import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.adapters.persistence.AuditRetentionPersistenceAdapter;
import ai.aegis.adapters.persistence.ConversationPersistenceAdapter;
import ai.aegis.adapters.persistence.ExecutionEventNotifyAdapter;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.ExecutionStatisticsPersistenceAdapter;
import ai.aegis.adapters.persistence.ExecutionTaskPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.adapters.persistence.ManifestRegistryPersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.adapters.persistence.RateLimitCounterPersistenceAdapter;
import ai.aegis.adapters.persistence.SealNoncePersistenceAdapter;
import ai.aegis.adapters.persistence.SealPublicKeyPersistenceAdapter;
import ai.aegis.adapters.persistence.SealRevocationPersistenceAdapter;
import ai.aegis.adapters.persistence.SealSessionPersistenceAdapter;
import ai.aegis.adapters.persistence.TenantAccountPersistenceAdapter;
import ai.aegis.adapters.persistence.UserModelKeyPersistenceAdapter;
import ai.aegis.adapters.persistence.VolumePersistenceAdapter;
import ai.aegis.adapters.storage.FileSystemVolumeStorageAdapter;
import ai.aegis.adapters.web.HttpWebPageAdapter;
import ai.aegis.adapters.web.SearxngWebSearchAdapter;
import ai.aegis.adapters.web.WebSettings;
import ai.aegis.application.port.in.GetSealPublicKeysQuery;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.service.AuditQueryService;
import ai.aegis.application.service.AuditRetentionService;
import ai.aegis.application.service.ExecutionOutputService;
import ai.aegis.application.service.ExecutionQueryService;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.application.service.ManifestAuthoringService;
import ai.aegis.application.service.ManifestRegistryService;
import ai.aegis.application.service.ManifestSchemaService;
import ai.aegis.application.service.OpenConversationService;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.application.service.RefusalAuditService;
import ai.aegis.application.service.ToolAccessService;
import ai.aegis.application.service.VolumeService;
import ai.aegis.application.service.WebService;
import ai.aegis.bootstrap.node.LocalNodeModule;
import ai.aegis.bootstrap.node.LocalNodeRunner;
import ai.aegis.bootstrap.ops.GrpcObservabilityInterceptor;
import ai.aegis.bootstrap.ops.MetricsServlet;
import ai.aegis.bootstrap.ops.Observability;
import ai.aegis.bootstrap.ops.RequestContextFilter;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.volume.VolumeId;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service, wired by hand: database, identity, MCP over HTTP and gRPC. Components
 * start in dependency order and stop in reverse, so PostgreSQL closes last.
 */
final class AegisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AegisServer.class);
    /** How often the local node looks for work while it has room: the delay before a new task starts. */
    private static final java.time.Duration LOCAL_NODE_POLL = java.time.Duration.ofMillis(250);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Database database;
    private final McpHttpServer http;
    private final GrpcServerHost grpc;
    private final IdentityModule identity;
    private final VolumeService volumes;
    private final NodeModule nodes;
    /** The environment settings are read from (the process's, or a test's). */
    private final Map<String, String> env;
    private final Observability observability;
    /** Set once everything has started; cleared when closing begins, so that {@code /readyz} answers 503 first. */
    private volatile boolean serving;
    private volatile McpToolRegistry tools;
    private volatile java.time.Duration shutdownGrace = java.time.Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_SECONDS);

    private AegisServer(ServerSettings settings, IdentitySettings identitySettings, Map<String, String> env) {
        this.env = env;
        Configuration.nearMisses(env).forEach(LOG::warn);
        this.observability = Observability.create();
        started.push(observability);
        try {
            shutdownGrace = shutdownGrace(env);
            // Microseconds: what PostgreSQL stores, so what a use case returns equals what it reads back later.
            Clock clock = Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
            ClockPort clockPort = clock::instant;
            DataDirectory dataDirectory = DataDirectory.prepare(settings.dataDirectory());
            database = Database.forEnvironment(dataDirectory, settings.databaseUrl(), settings.databaseUser(),
                    settings.databasePassword(), env.get("AEGIS_DATABASE_APP_ROLE"));
            started.push(database);
            PostgresPersistence persistence = Migrations.open(database, observability.registry());
            started.push(persistence);
            Jdbi jdbi = persistence.jdbi();
            UserModelKeyPersistenceAdapter modelKeys = new UserModelKeyPersistenceAdapter(jdbi,
                    SecretsKey.load(env, dataDirectory));
            AuditLogPersistenceAdapter auditLog = new AuditLogPersistenceAdapter(jdbi);
            RefusalAuditService refusals = new RefusalAuditService(auditLog, clockPort);

            identity = IdentityModule.create(identitySettings, dataDirectory, developmentBaseUrl(settings), clock,
                    auditLog, new SealPublicKeyPersistenceAdapter(jdbi), new TenantAccountPersistenceAdapter(jdbi));
            ConversationPersistenceAdapter conversations = new ConversationPersistenceAdapter(jdbi);
            LimitOverridesPersistenceAdapter limitOverrides = new LimitOverridesPersistenceAdapter(jdbi);
            volumes = startVolumes(dataDirectory, jdbi, limitOverrides, auditLog, clockPort);
            SealRevocationPersistenceAdapter sealRevocations = new SealRevocationPersistenceAdapter(jdbi, clockPort);
            ExecutionPersistenceAdapter executionStore = new ExecutionPersistenceAdapter(jdbi);
            IterationEventPersistenceAdapter iterationStore = new IterationEventPersistenceAdapter(jdbi);
            ExecutionTaskPersistenceAdapter tasks = new ExecutionTaskPersistenceAdapter(jdbi);
            ExecutionService executions = new ExecutionService(conversations, executionStore,
                    iterationStore, limitOverrides, new ExecutionEventNotifyAdapter(jdbi),
                    auditLog, clockPort, new UuidIdGenerator(), ExecutionTree.DEFAULT_MAX_DEPTH, tasks);
            nodes = NodeModule.start(NodeSettings.fromEnvironment(env, dataDirectory.root()), jdbi, database.settings(), clockPort,
                    executions, limitOverrides, sealRevocations, auditLog, identity, refusals, tasks, modelKeys);
            started.push(nodes);

            McpSurface mcpSurface = mcpSurface(conversations, auditLog, clockPort, refusals,
                    new AuditQueryService(auditLog, limitOverrides, clockPort), executions,
                    new ExecutionQueryService(executionStore, iterationStore, auditLog, clockPort), nodes.watches(), jdbi,
                    limitOverrides, tasks, modelKeys);
            io.grpc.ServerServiceDefinition accountAdministration = serveAdministration(mcpSurface, jdbi, limitOverrides,
                    modelKeys, auditLog, clockPort, refusals, settings);
            serveWorkflows(mcpSurface, jdbi, executions, executionStore, iterationStore, auditLog, clock, clockPort);
            List<String> unserved = mcpSurface.tools().unservedTools();
            if (!unserved.isEmpty()) {
                throw new IllegalStateException("aegis serve was assembled without handlers for " + unserved);
            }
            tools = mcpSurface.tools().observeWith(observability);
            observeActiveExecutions(jdbi);
            McpEndpoints mcp = mcpSurface.endpoints(AegisVersion.current());
            http = startHttp(settings, persistence, mcp, refusals, mcpSurface).shutdownGrace(shutdownGrace);
            started.push(http);
            started.push(mcp);
            started.push(DeadlineSweeper.start(executions, 5));
            started.push(Housekeeping.start(clock, java.util.Map.of(
                    "SEAL revocations", sealRevocations::purgeExpired,
                    "SEAL nonces", new SealNoncePersistenceAdapter(jdbi, clockPort)::purgeExpired,
                    "SEAL sessions", new SealSessionPersistenceAdapter(jdbi, clockPort)::purgeExpired,
                    "rate-limit counters", new RateLimitCounterPersistenceAdapter(jdbi)::purgeExpired), 60));
            started.push(auditRetention(jdbi, clockPort));

            grpc = GrpcServerHost.start(settings.host(), settings.grpcPort(), observed(nodes.withNodeServices(
                    plus(GrpcServices.all(identity.authentication(), refusals, identity.sealPublicKeys()),
                            accountAdministration))), nodes.tls()).shutdownGrace(shutdownGrace);
            started.push(grpc);
            if (settings.localNode()) {
                startLocalNode(env, dataDirectory, clockPort, settings.host());
            }
            serving = true;
        } catch (UncheckedIOException e) {
            close();
            throw new StartupException(e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * This instance's local node: the sandbox, iteration loop and language model of {@link LocalNodeModule},
     * driven by a {@link LocalNodeRunner} that speaks real gRPC to this instance (over loopback, with the
     * node credential), exactly as a remote node would. Stops before the gRPC server does.
     */
    private void startLocalNode(Map<String, String> env, DataDirectory dataDirectory, ClockPort clock, String host) {
        // Runs after the node has stopped: its executions are handed back at once, as for any node
        // that leaves (unstarted ones to the queue, running ones failed with a sentence).
        started.push(nodes::releaseLocalNode);
        LocalNodeModule module = LocalNodeModule.create(env, dataDirectory.root(), clock, observability);
        started.push(module);
        String loopback = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        GrpcNodeClient client = nodes.localNodeClient(loopback, grpc.port());
        started.push(client);
        started.push(LocalNodeRunner.start(client, module, LOCAL_NODE_POLL));
    }

    /**
     * Operator administration of users, tenants and the service: the MCP tools
     * {@code aegis.user|tenant.get|list|update}, {@code aegis.system.info|config} and {@code aegis.task.remove}
     * plugged into {@code surface}, and their gRPC twin {@code OperatorAccountService} (behind the operator
     * JWT), which this answers.
     */
    private io.grpc.ServerServiceDefinition serveAdministration(McpSurface surface, Jdbi jdbi,
            LimitOverridesPersistenceAdapter limitOverrides, UserModelKeyPersistenceAdapter modelKeys,
            AuditLogPersistenceAdapter auditLog, ClockPort clockPort, RefusalAuditService refusals,
            ServerSettings settings) {
        ai.aegis.application.service.AccountAdministrationService accounts =
                new ai.aegis.application.service.AccountAdministrationService(new TenantAccountPersistenceAdapter(jdbi),
                        limitOverrides, modelKeys, auditLog, clockPort);
        ai.aegis.application.service.SystemAdministrationService system =
                new ai.aegis.application.service.SystemAdministrationService(AegisVersion.current(),
                        new ai.aegis.adapters.persistence.NodePersistenceAdapter(jdbi),
                        new DaemonSettings(settings), auditLog, clockPort);
        ai.aegis.application.service.ExecutionRemovalService removal =
                new ai.aegis.application.service.ExecutionRemovalService(new ExecutionPersistenceAdapter(jdbi),
                        new ai.aegis.adapters.persistence.ExecutionRecordRemovalPersistenceAdapter(jdbi), auditLog, clockPort);
        surface.serveAdministration(accounts, accounts, accounts, accounts, accounts, accounts, system, removal, system);
        return GrpcServices.operatorAccounts(identity.authentication(), refusals,
                new ai.aegis.adapters.grpc.OperatorAccountGrpcService(accounts, accounts, accounts, accounts, accounts,
                        accounts, system, removal));
    }

    private static List<io.grpc.ServerServiceDefinition> plus(List<io.grpc.ServerServiceDefinition> services,
            io.grpc.ServerServiceDefinition more) {
        List<io.grpc.ServerServiceDefinition> all = new ArrayList<>(services);
        all.add(more);
        return all;
    }

    /** Audit retention per plan (Business 90 d, Enterprise 365 d, Free/Pro 7 d operational): at start, then hourly. */
    private static AuditRetentionSchedule auditRetention(Jdbi jdbi, ClockPort clockPort) {
        return AuditRetentionSchedule.start(new AuditRetentionService(new AuditRetentionPersistenceAdapter(jdbi),
                new TenantAccountPersistenceAdapter(jdbi), new LimitOverridesPersistenceAdapter(jdbi), clockPort), 3600);
    }

    /**
     * Tenant volumes: bytes under {@code <data-dir>/volumes/<tenant>/<volume-id>}, metadata and quotas in
     * PostgreSQL, and the TTL job (at start, then hourly). Answers the service the volume tools and the
     * local node call.
     */
    private VolumeService startVolumes(DataDirectory dataDirectory, Jdbi jdbi, LimitOverridesPersistenceAdapter limits,
                                       AuditLogPersistenceAdapter auditLog, ClockPort clock) {
        VolumeService volumes = new VolumeService(new VolumePersistenceAdapter(jdbi),
                new FileSystemVolumeStorageAdapter(dataDirectory.root().resolve("volumes")), limits, auditLog, clock,
                () -> VolumeId.of("vol-" + java.util.UUID.randomUUID()));
        started.push(VolumeTtlSweeper.start(volumes, 3_600));
        return volumes;
    }

    /**
     * The MCP tool surface: every tool of DESIGN.md §4 behind the same per-caller visibility, each with
     * its handler (the server refuses to start with one missing). Execution events reach MCP progress through
     * the node module's fan-out, fed by the PostgreSQL LISTEN/NOTIFY listener, so a wait on this
     * instance hears work done on any.
     */
    private McpSurface mcpSurface(ConversationPersistenceAdapter conversations, AuditLogPersistenceAdapter auditLog,
                                  ClockPort clockPort, RefusalAuditService refusals, AuditQueryService auditQueries,
                                  ExecutionService executions, ExecutionQueryService executionQueries,
                                  WatchExecutionEventsUseCase watches, Jdbi jdbi,
                                  LimitOverridesPersistenceAdapter limitOverrides, ExecutionTaskPersistenceAdapter tasks,
                                  UserModelKeyPersistenceAdapter modelKeys) {
        ToolAccessService toolAccess = new ToolAccessService(conversations, auditLog, clockPort);
        McpSurface surface = new McpSurface(new McpUseCases(toolAccess, toolAccess, refusals, auditQueries,
                new OpenConversationService(conversations, auditLog, clockPort), executions, executionQueries,
                executionQueries, executionQueries, executions, executions, watches), ContextPanel.Source.NONE);
        ManifestRegistryService registry = new ManifestRegistryService(new ManifestRegistryPersistenceAdapter(jdbi),
                limitOverrides, new TenantAccountPersistenceAdapter(jdbi), auditLog, clockPort);
        ManifestSchemaService schemas = new ManifestSchemaService();
        WebService web = webTools(env, auditLog, clockPort);
        surface.serveWeb(web, web);
        RateLimitService rateLimits = new RateLimitService(limitOverrides, new RateLimitCounterPersistenceAdapter(jdbi),
                auditLog, clockPort);
        surface.serveAuthoring(new ManifestAuthoringService(OpenAiCompatibleModelAdapter.fromEnvironment(env), schemas,
                registry, rateLimits, limitOverrides, new TenantAccountPersistenceAdapter(jdbi), modelKeys, auditLog,
                clockPort));
        return surface.serveRegistry(registry, registry, registry, registry, registry, schemas, schemas)
                .serveVolumes(volumes, volumes, volumes, volumes, volumes, volumes)
                .serveRuntimes(nodes.runtimes())
                .serveTaskOutputs(new ExecutionOutputService(executionQueries, tasks))
                .runAgentsFrom(registry)
                .limitRates(rateLimits);
    }

    /**
     * {@code web.fetch} (public addresses only, redirects re-checked) and {@code web.search} (SearXNG at
     * {@code AEGIS_WEB_SEARCH_URL}, else a clear "not configured" error), with the size and time limits
     * of {@code AEGIS_WEB_FETCH_MAX_BYTES} and {@code AEGIS_WEB_FETCH_TIMEOUT_SECONDS}.
     */
    private static WebService webTools(Map<String, String> env,
                                                                    AuditLogPersistenceAdapter auditLog, ClockPort clock) {
        WebSettings settings = WebSettings.fromEnvironment(env);
        LOG.info("web.search {}", settings.searchUrl().isPresent() ? "uses the configured SearXNG endpoint"
                : "is not configured (set " + WebSettings.SEARCH_URL + ")");
        return new WebService(new HttpWebPageAdapter(settings),
                SearxngWebSearchAdapter.fromSettings(settings), auditLog, clock);
    }

    /**
     * Workflow runs ({@code aegis.workflow.run|logs|wait|cancel|signal}). A run moves on when its step
     * execution ends: this instance's own LISTEN/NOTIFY listener hands every terminal status change
     * (from any instance) to one worker thread that advances the run; a sweep every 10 s catches
     * what was missed (a restart, a lost notification) and expires human-input waits. Racing
     * instances are safe: a run only changes over the revision it was read at.
     */
    private void serveWorkflows(McpSurface surface, Jdbi jdbi, ExecutionService executions,
                                ExecutionPersistenceAdapter executionStore, IterationEventPersistenceAdapter iterationStore,
                                AuditLogPersistenceAdapter auditLog, Clock clock, ClockPort clockPort) {
        ai.aegis.application.service.WorkflowRunService workflows = new ai.aegis.application.service.WorkflowRunService(
                new ai.aegis.adapters.persistence.WorkflowRunPersistenceAdapter(jdbi),
                new ManifestRegistryPersistenceAdapter(jdbi), executionStore, executions,
                new ExecutionQueryService(executionStore, iterationStore, auditLog, clockPort), auditLog, clockPort);
        surface.serveWorkflows(workflows, workflows, workflows, workflows, workflows);
        java.util.concurrent.ExecutorService advancing = java.util.concurrent.Executors.newSingleThreadExecutor(work -> {
            Thread thread = new Thread(work, "aegis-workflow-runs");
            thread.setDaemon(true);
            return thread;
        });
        started.push(advancing::shutdownNow);
        started.push(ai.aegis.adapters.persistence.ExecutionEventListener.start(database.settings(), change -> {
            if (change.to().isTerminal()) {
                advancing.execute(() -> workflows.observe(change));
            }
        }, (tenant, event) -> { }));
        started.push(Housekeeping.start(clock, java.util.Map.of("workflow runs", now -> workflows.sweep(
                new ai.aegis.application.port.in.SweepWorkflowRunsCommand(500, 5))), 10));
    }

    /** HTTP: MCP behind origin, protocol-version and authentication filters; health and well-known documents open. */
    private McpHttpServer startHttp(ServerSettings settings, PostgresPersistence persistence, McpEndpoints mcp,
                                    RefusalAuditService refusals, McpSurface mcpSurface) {
        Function<HttpServletRequest, String> baseUrl = request -> settings.publicUrl() != null
                ? settings.publicUrl()
                : request.getScheme() + "://" + request.getHeader("Host");
        List<McpHttpServer.FilterMount> filters = new ArrayList<>(List.of(
                        new McpHttpServer.FilterMount("/mcp/*", new OriginFilter(settings.allowedOrigins())),
                        new McpHttpServer.FilterMount("/mcp/*", new ProtocolVersionFilter()),
                        new McpHttpServer.FilterMount("/mcp/*", new ZaruAuthFilter(identity.authentication(), refusals,
                                request -> baseUrl.apply(request) + ProtectedResourceMetadataServlet.PATH,
                                observability))));
        filters.add(0, new McpHttpServer.FilterMount("/*", new RequestContextFilter(observability)));
        filters.addAll(mcpSurface.filters());
        return McpHttpServer.start(settings.host(), settings.httpPort(), filters,
                servlets(persistence, mcp, baseUrl));
    }

    private List<McpHttpServer.ServletMount> servlets(PostgresPersistence persistence, McpEndpoints mcp,
                                                      Function<HttpServletRequest, String> baseUrl) {
        HealthServlet health = new HealthServlet(() -> serving && persistence.isReady());
        List<McpHttpServer.ServletMount> servlets = new ArrayList<>(List.of(
                new McpHttpServer.ServletMount("/healthz", health),
                new McpHttpServer.ServletMount("/readyz", health),
                new McpHttpServer.ServletMount("/metrics", new MetricsServlet(observability,
                        java.util.Optional.ofNullable(env.get(MetricsServlet.TOKEN_SETTING)))),
                new McpHttpServer.ServletMount(ProtectedResourceMetadataServlet.PATH,
                        new ProtectedResourceMetadataServlet(request -> baseUrl.apply(request) + McpEndpoints.STREAMABLE_PATH,
                                identity.issuers())),
                new McpHttpServer.ServletMount(JwksServlet.SEAL_PATH, new JwksServlet(
                        () -> identity.sealPublicKeys().get(new GetSealPublicKeysQuery()).jwksJson()))));
        identity.developmentProvider().ifPresent(development -> servlets.add(
                new McpHttpServer.ServletMount(JwksServlet.DEVELOPMENT_IDP_PATH, new JwksServlet(development::jwksJson))));
        servlets.addAll(mcp.servlets());
        return servlets;
    }

    /** The setting bounding how long in-flight calls may finish when the server stops. */
    static final String SHUTDOWN_GRACE = "AEGIS_SHUTDOWN_GRACE_SECONDS";
    static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

    private static java.time.Duration shutdownGrace(Map<String, String> env) {
        String value = env.get(SHUTDOWN_GRACE);
        if (value == null || value.isBlank()) {
            return java.time.Duration.ofSeconds(DEFAULT_SHUTDOWN_GRACE_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 0 && seconds <= 600) {
                return java.time.Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            LOG.debug("{} is not a number", SHUTDOWN_GRACE);
        }
        throw new StartupException(SHUTDOWN_GRACE + " must be a whole number of seconds from 0 to 600, not " + value);
    }

    /** Every service behind the correlation-id and metrics interceptor, outermost. */
    private List<io.grpc.ServerServiceDefinition> observed(List<io.grpc.ServerServiceDefinition> services) {
        GrpcObservabilityInterceptor interceptor = new GrpcObservabilityInterceptor(observability);
        return services.stream().map(service -> io.grpc.ServerInterceptors.intercept(service, interceptor)).toList();
    }

    /** {@code aegis_executions_active{plan}}, read at most every five seconds whatever the scrape rate. */
    private void observeActiveExecutions(Jdbi jdbi) {
        ExecutionStatisticsPersistenceAdapter statistics = new ExecutionStatisticsPersistenceAdapter(jdbi);
        java.util.concurrent.atomic.AtomicReference<Map<String, Long>> last =
                new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        java.util.concurrent.atomic.AtomicLong readAt = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        observability.activeExecutions(ExecutionStatisticsPersistenceAdapter.PLANS, () -> {
            long now = System.nanoTime();
            long previous = readAt.get();
            if ((previous == Long.MIN_VALUE || now - previous > 5_000_000_000L) && readAt.compareAndSet(previous, now)) {
                try {
                    last.set(statistics.activeByPlan());
                } catch (RuntimeException unavailable) {
                    LOG.debug("active executions could not be counted: {}", unavailable.getClass().getSimpleName());
                }
            }
            return last.get();
        });
    }

    /** The base URL the development identity provider names in its issuers. */
    private static String developmentBaseUrl(ServerSettings settings) {
        return settings.publicUrl() != null ? settings.publicUrl() : "http://" + settings.host() + ":" + settings.httpPort();
    }

    static AegisServer start(ServerSettings settings, IdentitySettings identitySettings) {
        return new AegisServer(settings, identitySettings, System.getenv());
    }

    /** Starts with {@code env} in place of the process environment for node, local-node and model settings. */
    static AegisServer start(ServerSettings settings, IdentitySettings identitySettings, Map<String, String> env) {
        return new AegisServer(settings, identitySettings, Map.copyOf(env));
    }

    int httpPort() {
        return http.port();
    }

    int grpcPort() {
        return grpc.port();
    }

    /** Nodes, leases and the node-facing gRPC services (the local node connects through it). */
    NodeModule nodes() {
        return nodes;
    }

    /** Where the database is (no password shown by its toString). */
    ai.aegis.adapters.persistence.JdbcSettings databaseSettings() {
        return database.settings();
    }

    /** Tenant volumes (the use cases behind {@code aegis.volume.*} and the local node's {@code /workspace}). */
    VolumeService volumes() {
        return volumes;
    }

    String databaseDescription() {
        return database.description();
    }

    boolean developmentIdentity() {
        return identity.developmentProvider().isPresent();
    }

    @Override
    public synchronized void close() {
        // Readiness goes first, so that balancers stop sending; then no new connections, and the tool
        // calls already running get up to the grace to answer before their sessions close.
        serving = false;
        McpToolRegistry running = tools;
        if (http != null && running != null) {
            http.stopAccepting();
            if (!running.awaitIdle(shutdownGrace)) {
                LOG.warn("tool calls still running after the shutdown grace ({} s); stopping anyway",
                        shutdownGrace.toSeconds());
            }
        }
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
