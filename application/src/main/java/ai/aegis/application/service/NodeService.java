package ai.aegis.application.service;

import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.in.AttestSealAgentUseCase;
import ai.aegis.application.port.in.BeginExecutionCommand;
import ai.aegis.application.port.in.BeginExecutionUseCase;
import ai.aegis.application.port.in.BegunExecution;
import ai.aegis.application.port.in.ClaimWorkCommand;
import ai.aegis.application.port.in.ClaimWorkUseCase;
import ai.aegis.application.port.in.ClaimedWork;
import ai.aegis.application.port.in.ExpireNodeLeasesCommand;
import ai.aegis.application.port.in.ExpireNodeLeasesUseCase;
import ai.aegis.application.port.in.FinishExecutionCommand;
import ai.aegis.application.port.in.FinishExecutionUseCase;
import ai.aegis.application.port.in.HeartbeatNodeCommand;
import ai.aegis.application.port.in.HeartbeatNodeUseCase;
import ai.aegis.application.port.in.ListRuntimesQuery;
import ai.aegis.application.port.in.ListRuntimesUseCase;
import ai.aegis.application.port.in.LostLeases;
import ai.aegis.application.port.in.NodeHeartbeat;
import ai.aegis.application.port.in.RegisterNodeCommand;
import ai.aegis.application.port.in.RegisterNodeUseCase;
import ai.aegis.application.port.in.ReleaseNodeLeasesCommand;
import ai.aegis.application.port.in.ReleaseNodeLeasesUseCase;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.ReportIterationUseCase;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.ExecutionRepositoryPort;
import ai.aegis.application.port.out.ExecutionTaskPort;
import ai.aegis.application.port.out.LimitOverridesPort;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.NodeRegistryPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.application.port.out.WorkClaimPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionOutcome;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.node.WorkLease;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.tenancy.TenantScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nodes and their work. A node registers, heartbeats (which renews all its leases for the lease
 * time-to-live) and claims Pending executions under a lease; the lease holder begins an execution
 * (first attempt starts, SEAL token issued). Dead-node policy ({@link #expire}): a lease not renewed
 * in time is lost; executions that had not started go back to the queue, running ones are failed
 * with {@value #STOPPED_RESPONDING} through {@link FinishExecutionUseCase} (so their children are
 * cancelled, tokens revoked and events published as for any failure). Restart reconciliation
 * ({@link #release}) applies the same rule to one node at once.
 */
public final class NodeService implements RegisterNodeUseCase, HeartbeatNodeUseCase, ClaimWorkUseCase,
        BeginExecutionUseCase, ExpireNodeLeasesUseCase, ReleaseNodeLeasesUseCase, ListRuntimesUseCase {

    /** The sentence detail of an execution failed because its node died. */
    public static final String STOPPED_RESPONDING = "the machine running it stopped responding";

    /** How long a lease holds without a heartbeat by default. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);

    private final NodeRegistryPort nodes;
    private final WorkClaimPort work;
    private final ExecutionRepositoryPort executions;
    private final ReportIterationUseCase report;
    private final FinishExecutionUseCase finish;
    private final AttestSealAgentUseCase attest;
    private final ClockPort clock;
    private final Duration leaseTtl;
    private final ExecutionActors actors;
    private final Optional<ExecutionTaskPort> tasks;
    private final Optional<OwnModelKeys> ownKeys;

    /** A node service whose claims carry no task (for nodes that are told what to do another way). */
    public NodeService(NodeRegistryPort nodes, WorkClaimPort work, ExecutionRepositoryPort executions,
            LimitOverridesPort overrides, ReportIterationUseCase report, FinishExecutionUseCase finish,
            AttestSealAgentUseCase attest, ClockPort clock, Duration leaseTtl) {
        this(nodes, work, executions, overrides, report, finish, attest, clock, leaseTtl, Optional.empty(),
                Optional.empty());
    }

    /** A node service whose claims carry each execution's task from {@code tasks}. */
    public NodeService(NodeRegistryPort nodes, WorkClaimPort work, ExecutionRepositoryPort executions,
            LimitOverridesPort overrides, ReportIterationUseCase report, FinishExecutionUseCase finish,
            AttestSealAgentUseCase attest, ClockPort clock, Duration leaseTtl, ExecutionTaskPort tasks) {
        this(nodes, work, executions, overrides, report, finish, attest, clock, leaseTtl,
                Optional.of(Objects.requireNonNull(tasks, "tasks")), Optional.empty());
    }

    /**
     * A node service whose claims carry each execution's task, and whose begin hands the node the
     * owner's own model API key while the owner's BYOK is on and a key is stored.
     */
    public NodeService(NodeRegistryPort nodes, WorkClaimPort work, ExecutionRepositoryPort executions,
            LimitOverridesPort overrides, ReportIterationUseCase report, FinishExecutionUseCase finish,
            AttestSealAgentUseCase attest, ClockPort clock, Duration leaseTtl, ExecutionTaskPort tasks,
            TenantAccountPort accounts, UserModelKeyPort modelKeys) {
        this(nodes, work, executions, overrides, report, finish, attest, clock, leaseTtl,
                Optional.of(Objects.requireNonNull(tasks, "tasks")), Optional.of(new OwnModelKeys(accounts, modelKeys)));
    }

    private NodeService(NodeRegistryPort nodes, WorkClaimPort work, ExecutionRepositoryPort executions,
            LimitOverridesPort overrides, ReportIterationUseCase report, FinishExecutionUseCase finish,
            AttestSealAgentUseCase attest, ClockPort clock, Duration leaseTtl, Optional<ExecutionTaskPort> tasks,
            Optional<OwnModelKeys> ownKeys) {
        this.tasks = tasks;
        this.ownKeys = ownKeys;
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.work = Objects.requireNonNull(work, "work");
        this.executions = Objects.requireNonNull(executions, "executions");
        this.report = Objects.requireNonNull(report, "report");
        this.finish = Objects.requireNonNull(finish, "finish");
        this.attest = Objects.requireNonNull(attest, "attest");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(leaseTtl, "leaseTtl");
        if (leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("the lease time-to-live must be positive");
        }
        this.leaseTtl = leaseTtl;
        this.actors = new ExecutionActors(executions, Objects.requireNonNull(overrides, "overrides"));
    }

    @Override
    public Node register(RegisterNodeCommand command) {
        Node node = Node.register(command.nodeId(), command.capacity(), command.labels(), command.runtimes(),
                command.dedicatedTenants(), clock.now());
        nodes.save(node);
        return node;
    }

    @Override
    public NodeHeartbeat heartbeat(HeartbeatNodeCommand command) {
        Instant now = clock.now();
        Node node = registered(command.nodeId()).heartbeatAt(now);
        nodes.save(node);
        Instant until = now.plus(leaseTtl);
        work.renew(node.id(), until);
        List<ExecutionId> stop = new ArrayList<>();
        int held = releaseEnded(node, stop);
        return new NodeHeartbeat(until, held, stop);
    }

    @Override
    public List<ClaimedWork> claim(ClaimWorkCommand command) {
        Instant now = clock.now();
        Node node = registered(command.nodeId()).heartbeatAt(now);
        nodes.save(node);
        // Leases of executions that ended since the last heartbeat free their room now, so a node that
        // finished its work gets the next at once instead of after its next heartbeat.
        int room = node.capacity() - releaseEnded(node, new ArrayList<>());
        if (room <= 0) {
            return List.of();
        }
        List<ClaimedWork> claimed = new ArrayList<>();
        for (WorkLease lease : work.claim(node, Math.min(room, command.max()), now, now.plus(leaseTtl))) {
            Optional<Execution> execution = executions.findInAnyTenant(lease.executionId());
            if (execution.isPresent()) {
                Execution claimedExecution = execution.get();
                claimed.add(new ClaimedWork(lease, claimedExecution, tasks.flatMap(store ->
                        store.find(claimedExecution.tenantId(), claimedExecution.id()))));
            } else {
                work.release(lease);
            }
        }
        return claimed;
    }

    /**
     * Releases the node's leases on executions that ended (or vanished), adding their ids to
     * {@code released}; answers how many leases the node still holds.
     */
    private int releaseEnded(Node node, List<ExecutionId> released) {
        int held = 0;
        for (WorkLease lease : work.leasesOf(node.id())) {
            Optional<Execution> execution = executions.findInAnyTenant(lease.executionId());
            if (execution.isEmpty() || execution.get().isTerminal()) {
                work.release(lease);
                released.add(lease.executionId());
            } else {
                held++;
            }
        }
        return held;
    }

    @Override
    public BegunExecution begin(BeginExecutionCommand command) {
        Instant now = clock.now();
        WorkLease lease = work.find(command.executionId())
                .filter(held -> held.nodeId().equals(command.nodeId()) && !held.isExpiredAt(now))
                .orElseThrow(() -> new AccessDeniedException("node.not_lease_holder",
                        "this node holds no live lease on that execution; claim work first"));
        Execution execution = found(lease.executionId());
        if (execution.status() == ExecutionStatus.PENDING) {
            report.report(new ReportIterationCommand(actors.ownerOf(execution), execution.id(),
                    IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        } else if (execution.isTerminal()) {
            work.release(lease);
            throw new PreconditionFailedException("execution.ended", "that execution has already ended ("
                    + execution.status().displayName() + "); stop working on it");
        }
        SignedSecurityToken token = attest.attest(new AttestSealAgentCommand(execution.id().value(), command.agentKey()));
        return new BegunExecution(found(execution.id()), token, ownModelKey(execution));
    }

    /**
     * The owner's own key for the node's model calls. BYOK on without a usable stored key leaves the
     * node without one (supplied code still runs; generation says what is missing) rather than
     * failing the begin, which would leave the execution waiting for a node forever.
     */
    private Optional<ModelApiKey> ownModelKey(Execution execution) {
        if (ownKeys.isEmpty() || TenantScope.SYSTEM.equals(execution.tenantId())) {
            return Optional.empty();
        }
        try {
            return ownKeys.get().forUser(execution.tenantId(), execution.ownerSubject());
        } catch (DomainException missingOrUnreadable) {
            return Optional.empty();
        }
    }

    @Override
    public LostLeases expire(ExpireNodeLeasesCommand command) {
        return lose(work.expired(clock.now(), command.limit()));
    }

    @Override
    public LostLeases release(ReleaseNodeLeasesCommand command) {
        return lose(work.leasesOf(command.nodeId()));
    }

    @Override
    public List<String> list(ListRuntimesQuery query) {
        Instant now = clock.now();
        TenantId tenant = TenantScope.of(query.identity());
        List<Node> all = nodes.list();
        Set<TenantId> dedicated = new HashSet<>();
        for (Node node : all) {
            dedicated.addAll(node.dedicatedTenants());
        }
        Set<String> runtimes = new TreeSet<>();
        for (Node node : all) {
            if (node.isAliveAt(now, leaseTtl) && node.mayRun(tenant, dedicated)) {
                runtimes.addAll(node.runtimes());
            }
        }
        return List.copyOf(runtimes);
    }

    private LostLeases lose(List<WorkLease> leases) {
        List<ExecutionId> requeued = new ArrayList<>();
        List<ExecutionId> failed = new ArrayList<>();
        List<ExecutionId> dropped = new ArrayList<>();
        for (WorkLease lease : leases) {
            Optional<Execution> execution = executions.findInAnyTenant(lease.executionId());
            if (execution.isEmpty() || execution.get().isTerminal()) {
                dropped.add(lease.executionId());
            } else if (execution.get().status() == ExecutionStatus.PENDING) {
                requeued.add(lease.executionId());
            } else if (failRunning(execution.get())) {
                failed.add(lease.executionId());
            } else {
                dropped.add(lease.executionId());
            }
            work.release(lease);
        }
        return new LostLeases(requeued, failed, dropped);
    }

    private boolean failRunning(Execution execution) {
        try {
            finish.finish(new FinishExecutionCommand(actors.ownerOf(execution), execution.id(), ExecutionOutcome.FAILED,
                    Optional.of(STOPPED_RESPONDING)));
            return true;
        } catch (PreconditionFailedException alreadyEnded) {
            // Ended in between (cancelled, timed out, finished by its node just in time): nothing to fail.
            return false;
        }
    }

    private Node registered(NodeId id) {
        return nodes.find(id).orElseThrow(() -> new NotFoundException("node.not_registered",
                "node " + id + " is not registered; register it before heartbeating or claiming work"));
    }

    private Execution found(ExecutionId id) {
        return executions.findInAnyTenant(id).orElseThrow(() -> new NotFoundException("execution.not_found",
                "execution " + id + " was not found"));
    }
}
