package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryNodeRegistryAdapter;
import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.memory.InMemoryWorkClaimAdapter;
import ai.aegis.application.port.in.BeginExecutionCommand;
import ai.aegis.application.port.in.BegunExecution;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.ClaimWorkCommand;
import ai.aegis.application.port.in.ClaimedWork;
import ai.aegis.application.port.in.ExpireNodeLeasesCommand;
import ai.aegis.application.port.in.HeartbeatNodeCommand;
import ai.aegis.application.port.in.ListRuntimesQuery;
import ai.aegis.application.port.in.LostLeases;
import ai.aegis.application.port.in.RegisterNodeCommand;
import ai.aegis.application.port.in.ReleaseNodeLeasesCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.TaskSpec;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Nodes, leases and the dead-node and restart policies over the in-memory twins. */
class NodeServiceTest {

    private static final SealAgentKey AGENT_KEY = SealAgentKey.fromRaw(new byte[32]);
    private static final NodeId NODE = NodeId.of("node-1");

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);
    private final InMemoryNodeRegistryAdapter registry = new InMemoryNodeRegistryAdapter();
    private final InMemoryWorkClaimAdapter work = new InMemoryWorkClaimAdapter(f.executionStore, registry);
    private final AtomicInteger serial = new AtomicInteger();
    private final IssueSecurityTokenPort issuer = claims -> new SignedSecurityToken(
            claims.withTokenId("node-token-" + String.format("%08d", serial.incrementAndGet())), "compact");
    private final SealAttestationService attestation = new SealAttestationService(f.executionStore, issuer,
            new InMemorySealSessionAdapter(f.clock), f.clock, Duration.ofMinutes(5));
    private final NodeService nodes = new NodeService(registry, work, f.executionStore, f.overrides, f.executions,
            f.executions, attestation, f.clock, Duration.ofSeconds(30));

    private Execution root() {
        return f.executions.start(new StartRootExecutionCommand(pro, f.conversation(pro, ConversationMode.AGENTIC).id()));
    }

    private void register(NodeId id, Set<ai.aegis.domain.identity.TenantId> dedicated) {
        nodes.register(new RegisterNodeCommand(id, 4, Map.of(), Set.of("python:3.12"), dedicated));
    }

    private Execution status(Execution execution) {
        return f.executionStore.findInAnyTenant(execution.id()).orElseThrow();
    }

    @Test
    void begin_leaseHolder_runningWithAToken() {
        register(NODE, Set.of());
        Execution root = root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));

        BegunExecution begun = nodes.begin(new BeginExecutionCommand(NODE, root.id(), AGENT_KEY));

        assertThat(begun.execution().status()).isEqualTo(ExecutionStatus.RUNNING);
        assertThat(begun.execution().iterationCount()).isEqualTo(1);
        assertThat(begun.securityToken().token().execution()).contains(root.id().value());
    }

    @Test
    void begin_ownerBringsOwnKey_nodeGetsTheirKeyOnlyWhileByokIsOn() {
        ai.aegis.application.memory.InMemoryTenantAccountAdapter accounts =
                new ai.aegis.application.memory.InMemoryTenantAccountAdapter();
        ai.aegis.application.memory.InMemoryUserModelKeyAdapter keys =
                new ai.aegis.application.memory.InMemoryUserModelKeyAdapter();
        NodeService withKeys = new NodeService(registry, work, f.executionStore, f.overrides, f.executions,
                f.executions, attestation, f.clock, Duration.ofSeconds(30),
                new ai.aegis.application.memory.InMemoryExecutionTaskAdapter(), accounts, keys);
        withKeys.register(new RegisterNodeCommand(NODE, 4, Map.of(), Set.of(), Set.of()));
        ai.aegis.application.port.out.ModelApiKey own = ai.aegis.application.port.out.ModelApiKey.userSupplied("sk-own-key-42");
        keys.save(pro.tenantId(), pro.subject(), own);
        Execution withoutByok = root();
        withKeys.claim(new ClaimWorkCommand(NODE, 4));

        BegunExecution serverKey = withKeys.begin(new BeginExecutionCommand(NODE, withoutByok.id(), AGENT_KEY));
        accounts.saveUser(ai.aegis.domain.tenancy.UserAccount.standard(pro.tenantId(), pro.subject()).withByok(true));
        BegunExecution ownKey = withKeys.begin(new BeginExecutionCommand(NODE, withoutByok.id(), AGENT_KEY));

        assertThat(serverKey.ownModelKey()).isEmpty();
        assertThat(ownKey.ownModelKey()).contains(own);
    }

    @Test
    void begin_notTheLeaseHolder_refused() {
        register(NODE, Set.of());
        register(NodeId.of("node-2"), Set.of());
        Execution root = root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));

        assertThatThrownBy(() -> nodes.begin(new BeginExecutionCommand(NodeId.of("node-2"), root.id(), AGENT_KEY)))
                .isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "node.not_lease_holder");
    }

    @Test
    void expire_silentNode_runningFailedWithSentencePendingRequeued() {
        register(NODE, Set.of());
        Execution running = root();
        Identity.ZaruUser other = user("other-user", ZaruTier.PRO);
        Execution waiting = f.executions.start(new StartRootExecutionCommand(other,
                f.conversation(other, ConversationMode.AGENTIC).id()));
        nodes.claim(new ClaimWorkCommand(NODE, 5));
        nodes.begin(new BeginExecutionCommand(NODE, running.id(), AGENT_KEY));

        f.clock.advance(Duration.ofSeconds(31));
        LostLeases lost = nodes.expire(new ExpireNodeLeasesCommand(100));

        assertThat(lost.failed()).containsExactly(running.id());
        assertThat(lost.requeued()).containsExactly(waiting.id());
        assertThat(status(running).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(status(waiting).status()).isEqualTo(ExecutionStatus.PENDING);
        assertThat(f.publisher.iterationEvents()).extracting(IterationEvent::sentence)
                .anySatisfy(sentence -> assertThat(sentence).contains(NodeService.STOPPED_RESPONDING));
        register(NodeId.of("node-2"), Set.of());
        assertThat(nodes.claim(new ClaimWorkCommand(NodeId.of("node-2"), 5)))
                .extracting(claimed -> claimed.execution().id()).containsExactly(waiting.id());
    }

    @Test
    void expire_heartbeatingNode_keepsItsLeases() {
        register(NODE, Set.of());
        root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));

        f.clock.advance(Duration.ofSeconds(20));
        nodes.heartbeat(new HeartbeatNodeCommand(NODE));
        f.clock.advance(Duration.ofSeconds(20));

        assertThat(nodes.expire(new ExpireNodeLeasesCommand(100)).isEmpty()).isTrue();
    }

    @Test
    void release_restartedNode_sameRuleAtOnce() {
        register(NODE, Set.of());
        Execution running = root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));
        nodes.begin(new BeginExecutionCommand(NODE, running.id(), AGENT_KEY));

        LostLeases lost = nodes.release(new ReleaseNodeLeasesCommand(NODE));

        assertThat(lost.failed()).containsExactly(running.id());
        assertThat(work.leasesOf(NODE)).isEmpty();
    }

    @Test
    void heartbeat_cancelledExecution_toldToStop() {
        register(NODE, Set.of());
        Execution running = root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));
        nodes.begin(new BeginExecutionCommand(NODE, running.id(), AGENT_KEY));
        f.executions.cancel(new CancelExecutionCommand(pro, running.id()));

        assertThat(nodes.heartbeat(new HeartbeatNodeCommand(NODE)).stop()).containsExactly(running.id());
        assertThat(work.leasesOf(NODE)).isEmpty();
    }

    @Test
    void claim_executionStartedWithTask_assignmentCarriesTheTask() {
        ai.aegis.application.memory.InMemoryExecutionTaskAdapter tasks = new ai.aegis.application.memory.InMemoryExecutionTaskAdapter();
        ExecutionService executions = new ExecutionService(f.conversations, f.executionStore, f.iterations, f.overrides,
                f.publisher, f.audit, f.clock, f.ids, 8, tasks);
        NodeService withTasks = new NodeService(registry, work, f.executionStore, f.overrides, executions, executions,
                attestation, f.clock, Duration.ofSeconds(30), tasks);
        withTasks.register(new RegisterNodeCommand(NODE, 2, Map.of(), Set.of(), Set.of()));
        TaskSpec task = TaskSpec.instructions("Print hello").withCode("print('hello')", "python3");
        executions.start(new StartRootExecutionCommand(pro, f.conversation(pro, ConversationMode.AGENTIC).id(),
                java.util.Optional.of(task)));
        executions.start(new StartRootExecutionCommand(user("no-task", ZaruTier.PRO),
                f.conversation(user("no-task", ZaruTier.PRO), ConversationMode.AGENTIC).id()));

        List<ClaimedWork> claimed = withTasks.claim(new ClaimWorkCommand(NODE, 2));

        assertThat(claimed).extracting(ClaimedWork::task)
                .containsExactlyInAnyOrder(java.util.Optional.of(task), java.util.Optional.empty());
    }

    @Test
    void claim_afterItsExecutionEnded_roomFreedWithoutWaitingForAHeartbeat() {
        nodes.register(new RegisterNodeCommand(NODE, 1, Map.of(), Set.of(), Set.of()));
        Execution first = root();
        assertThat(nodes.claim(new ClaimWorkCommand(NODE, 1))).hasSize(1);
        Identity.ZaruUser other = user("next-user", ZaruTier.PRO);
        Execution second = f.executions.start(new StartRootExecutionCommand(other,
                f.conversation(other, ConversationMode.AGENTIC).id()));
        f.executions.cancel(new ai.aegis.application.port.in.CancelExecutionCommand(pro, first.id()));

        List<ClaimedWork> next = nodes.claim(new ClaimWorkCommand(NODE, 1));

        assertThat(next).extracting(work -> work.execution().id()).containsExactly(second.id());
    }

    @Test
    void claim_neverMoreThanCapacity() {
        nodes.register(new RegisterNodeCommand(NODE, 1, Map.of(), Set.of(), Set.of()));
        root();
        Identity.ZaruUser other = user("other-user", ZaruTier.PRO);
        f.executions.start(new StartRootExecutionCommand(other, f.conversation(other, ConversationMode.AGENTIC).id()));

        List<ClaimedWork> first = nodes.claim(new ClaimWorkCommand(NODE, 5));

        assertThat(first).hasSize(1);
        assertThat(nodes.claim(new ClaimWorkCommand(NODE, 5))).isEmpty();
    }

    @Test
    void listRuntimes_dedicatedTenantSeesOnlyItsNodes() {
        nodes.register(new RegisterNodeCommand(NodeId.of("shared"), 4, Map.of(), Set.of("bash"), Set.of()));
        nodes.register(new RegisterNodeCommand(NodeId.of("mine"), 4, Map.of(), Set.of("python:3.12"),
                Set.of(pro.tenantId())));

        assertThat(nodes.list(new ListRuntimesQuery(pro))).containsExactly("python:3.12");
        assertThat(nodes.list(new ListRuntimesQuery(user("someone", ZaruTier.FREE)))).containsExactly("bash");
        f.clock.advance(Duration.ofMinutes(1));
        assertThat(nodes.list(new ListRuntimesQuery(pro))).isEmpty();
    }

    @Test
    void report_beyondMaxIterations_refusedAndExecutionFailsSayingSo() {
        register(NODE, Set.of());
        Execution running = root();
        nodes.claim(new ClaimWorkCommand(NODE, 5));
        nodes.begin(new BeginExecutionCommand(NODE, running.id(), AGENT_KEY));
        IterationBudgetService budget = new IterationBudgetService(f.executions, f.executions);
        for (int attempt = 2; attempt <= running.maxIterations(); attempt++) {
            budget.report(new ReportIterationCommand(pro, running.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        }

        assertThatThrownBy(() -> budget.report(new ReportIterationCommand(pro, running.id(),
                IterationEventKind.ATTEMPT_STARTED, Optional.empty())))
                .isInstanceOf(LimitExceededException.class)
                .hasFieldOrPropertyWithValue("code", "execution.iterations_exhausted");
        assertThat(status(running).status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(f.publisher.iterationEvents()).last().extracting(IterationEvent::sentence).asString()
                .startsWith("The agent stopped after " + running.maxIterations() + " attempts")
                .contains("one more attempt was refused");
    }
}
