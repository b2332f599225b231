package ai.aegis.bootstrap;

import ai.aegis.adapters.grpc.ExecutionGrpcService;
import ai.aegis.adapters.grpc.GrpcServices;
import ai.aegis.adapters.grpc.GrpcTls;
import ai.aegis.adapters.grpc.NodeGrpcService;
import ai.aegis.adapters.grpc.OperatorAdminGrpcService;
import ai.aegis.adapters.grpc.SealGrpcService;
import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.identity.TinkAgentSignatureVerifier;
import ai.aegis.adapters.persistence.AuditLogPersistenceAdapter;
import ai.aegis.adapters.persistence.ExecutionEventListener;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.adapters.persistence.JdbcSettings;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.adapters.persistence.NodePersistenceAdapter;
import ai.aegis.adapters.persistence.RateLimitCounterPersistenceAdapter;
import ai.aegis.adapters.persistence.SealNoncePersistenceAdapter;
import ai.aegis.adapters.persistence.SealRevocationPersistenceAdapter;
import ai.aegis.adapters.persistence.SealSessionPersistenceAdapter;
import ai.aegis.adapters.persistence.TenantAccountPersistenceAdapter;
import ai.aegis.application.port.in.ListRuntimesUseCase;
import ai.aegis.application.port.in.LostLeases;
import ai.aegis.application.port.in.ReleaseNodeLeasesCommand;
import ai.aegis.application.port.in.WatchExecutionEventsUseCase;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.application.service.ExecutionCallerService;
import ai.aegis.application.service.ExecutionEventFanOut;
import ai.aegis.application.service.ExecutionQueryService;
import ai.aegis.application.service.ExecutionService;
import ai.aegis.application.service.ExecutionWatchService;
import ai.aegis.application.service.IterationBudgetService;
import ai.aegis.application.service.NodeService;
import ai.aegis.application.service.OperatorExecutionService;
import ai.aegis.application.service.RateLimitService;
import ai.aegis.application.service.RefusalAuditService;
import ai.aegis.application.service.SealAttestationService;
import ai.aegis.application.service.SealEnvelopeVerificationService;
import ai.aegis.application.service.SecurityContextToolPolicy;
import ai.aegis.domain.node.NodeId;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node side of {@code aegis serve}: node registry and leases, the execution, SEAL and operator
 * administration gRPC services, the watch fan-out fed by every instance's events (LISTEN/NOTIFY),
 * the lease sweeper (dead-node policy) and, at start, restart reconciliation of this instance's
 * own local node. Closing stops the sweeper, the event listener and the watch threads.
 */
final class NodeModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeModule.class);

    /** SEAL tokens for executions live this long at most (never past the execution's deadline). */
    static final Duration SEAL_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final NodeSettings settings;
    private final NodeService nodes;
    private final ExecutionWatchService watches;
    private final List<ServerServiceDefinition> services;
    private final List<AutoCloseable> running = new ArrayList<>();

    private NodeModule(NodeSettings settings, NodeService nodes, ExecutionWatchService watches,
                       List<ServerServiceDefinition> services) {
        this.settings = settings;
        this.nodes = nodes;
        this.watches = watches;
        this.services = services;
    }

    static NodeModule start(NodeSettings settings, Jdbi jdbi, JdbcSettings listenerDatabase, ClockPort clock,
                            ExecutionService executions, LimitOverridesPersistenceAdapter overrides,
                            SealRevocationPersistenceAdapter revocations, AuditLogPersistenceAdapter auditLog,
                            IdentityModule identity, RefusalAuditService refusals, ExecutionTaskPort tasks,
                            UserModelKeyPort modelKeys) {
        ExecutionPersistenceAdapter store = new ExecutionPersistenceAdapter(jdbi);
        NodePersistenceAdapter nodeStore = new NodePersistenceAdapter(jdbi);
        ExecutionQueryService queries = new ExecutionQueryService(store, new IterationEventPersistenceAdapter(jdbi),
                auditLog, clock);
        SealSessionPersistenceAdapter sessions = new SealSessionPersistenceAdapter(jdbi, clock);
        SealAttestationService attestation = new SealAttestationService(store, identity.sealTokens(), sessions, clock,
                SEAL_TOKEN_LIFETIME);
        NodeService nodes = new NodeService(nodeStore, nodeStore, store, overrides, executions, executions, attestation,
                clock, settings.leaseTtl(), tasks, new TenantAccountPersistenceAdapter(jdbi), modelKeys);
        ExecutionEventFanOut fanOut = new ExecutionEventFanOut();
        ExecutionWatchService watches = new ExecutionWatchService(queries, fanOut);
        SealEnvelopeVerificationService verify = new SealEnvelopeVerificationService(identity.sealTokens(), revocations,
                sessions, new TinkAgentSignatureVerifier(), new SealNoncePersistenceAdapter(jdbi, clock),
                new SecurityContextToolPolicy(store), new SealCallRateLimits(new RateLimitService(overrides,
                new RateLimitCounterPersistenceAdapter(jdbi), auditLog, clock), new TenantAccountPersistenceAdapter(jdbi)),
                auditLog, clock);
        ExecutorService watchExecutor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "aegis-watch");
            thread.setDaemon(true);
            return thread;
        });
        List<ServerServiceDefinition> services = GrpcServices.nodesAndExecutions(settings.credentials(),
                identity.authentication(), refusals,
                new NodeGrpcService(nodes, nodes, nodes, nodes, settings.leaseTtl(), AegisVersion.current()),
                new ExecutionGrpcService(new ExecutionCallerService(identity.sealTokens(), revocations, store, overrides,
                        clock), new IterationBudgetService(executions, executions), executions, executions, executions,
                        queries, queries, watches, watchExecutor),
                new SealGrpcService(nodes, verify),
                new OperatorAdminGrpcService(queries, queries,
                        new OperatorExecutionService(store, overrides, executions, auditLog, clock), watches, watchExecutor));
        NodeModule module = new NodeModule(settings, nodes, watches, services);
        module.running.add(watchExecutor::shutdownNow);
        module.running.add(ExecutionEventListener.start(listenerDatabase, fanOut::statusChanged, fanOut::iterationReported));
        LostLeases reconciled = nodes.release(new ReleaseNodeLeasesCommand(settings.localNodeId()));
        if (!reconciled.isEmpty()) {
            LOG.info("local node {} restarted: {} execution(s) back in the queue, {} failed (it stopped responding)",
                    settings.localNodeId(), reconciled.requeued().size(), reconciled.failed().size());
        }
        module.running.add(LeaseSweeper.start(nodes, Math.max(1, settings.leaseTtl().getSeconds() / 3),
                settings.leaseTtl(), () -> answers(jdbi)));
        return module;
    }

    /**
     * Hands this instance's local node's executions back, as for any node that left: unstarted ones
     * to the queue, running ones failed with a sentence. Called when the instance stops.
     */
    void releaseLocalNode() {
        LostLeases released = nodes.release(new ReleaseNodeLeasesCommand(settings.localNodeId()));
        if (!released.isEmpty()) {
            LOG.info("local node {} stopped: {} execution(s) back in the queue, {} failed", settings.localNodeId(),
                    released.requeued().size(), released.failed().size());
        }
    }

    /** True when the database answers a trivial query now. */
    private static boolean answers(Jdbi jdbi) {
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    /** {@code others} followed by the node, execution, SEAL and operator-administration services. */
    List<ServerServiceDefinition> withNodeServices(List<ServerServiceDefinition> others) {
        List<ServerServiceDefinition> all = new ArrayList<>(others);
        all.addAll(services);
        return all;
    }

    Optional<GrpcTls> tls() {
        return settings.tls();
    }

    /** This instance's local node id: its leases are released whenever the instance starts. */
    NodeId localNodeId() {
        return settings.localNodeId();
    }

    /**
     * A client for the in-process local node, speaking real gRPC to this instance on {@code port}
     * (over TLS, trusting the configured server certificate, when TLS is on).
     */
    GrpcNodeClient localNodeClient(String host, int port) {
        if (settings.tls().isPresent()) {
            return GrpcNodeClient.connectTls(host, port, settings.localNodeId(), Optional.of(settings.nodeToken()),
                    settings.tls().get().certificateChain(), Optional.empty(), Optional.empty());
        }
        return GrpcNodeClient.connect(host, port, settings.localNodeId(), settings.nodeToken());
    }

    /** {@code aegis.runtime.list}: runtimes offered by live nodes that may run the caller's work. */
    ListRuntimesUseCase runtimes() {
        return nodes;
    }

    /** Watches of execution trees (for MCP progress notifications, for example). */
    WatchExecutionEventsUseCase watches() {
        return watches;
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", running.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
