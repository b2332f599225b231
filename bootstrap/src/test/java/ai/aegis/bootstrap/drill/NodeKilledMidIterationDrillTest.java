package ai.aegis.bootstrap.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.adapters.grpc.node.NodeExecutionEvent;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.adapters.persistence.LimitOverridesPersistenceAdapter;
import ai.aegis.application.service.NodeService;
import ai.aegis.bootstrap.DrillServer;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.security.BuiltInContexts;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: a node dies in the middle of an iteration (it simply stops heartbeating). The documented
 * dead-node policy (docs/GRPC.md) says a running execution is failed, with "the machine running it
 * stopped responding", once the lease lapses; its SEAL token is revoked. The root, run by a live node,
 * watches its tree and must see the child's status change.
 */
class NodeKilledMidIterationDrillTest {

    private static final String NODE_TOKEN = "drill-node-token-0123456789";
    private static final int LEASE_SECONDS = 5;
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d"));

    @TempDir
    Path dataDirectory;

    @Test
    void nodeStopsHeartbeatingMidIteration_childFailedWithinLease_watcherSeesIt_tokenRefused() throws Exception {
        Map<String, String> env = Map.of("AEGIS_NODE_TOKEN", NODE_TOKEN,
                "AEGIS_NODE_LEASE_SECONDS", Integer.toString(LEASE_SECONDS));
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
        try (DrillServer server = DrillServer.embedded(dataDirectory, env);
             GrpcNodeClient live = GrpcNodeClient.connect("127.0.0.1", server.grpcPort(), NodeId.of("drill-live"), NODE_TOKEN);
             GrpcNodeClient victim = GrpcNodeClient.connect("127.0.0.1", server.grpcPort(), NodeId.of("drill-victim"),
                     NODE_TOKEN)) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            ExecutionId rootId = ExecutionId.of("exec-drill-root");
            Jdbi owner = Jdbi.create(server.databaseUrl(), "postgres", "");
            // A root and one child at once: above the Free plan's single active execution.
            new LimitOverridesPersistenceAdapter(owner).setTenant(TENANT,
                    LimitOverrides.none().withMaxConcurrentExecutions(CountLimit.of(4)));
            new ExecutionPersistenceAdapter(owner).insertRoot(
                    ExecutionTree.startRoot(new NewRoot(rootId, TENANT, "alice", ConversationId.of("conv-drill"),
                            BuiltInContexts.AGENT_RUNTIME, now.plus(Duration.ofMinutes(30)), 512L * 1024 * 1024, 5),
                            Optional.empty(), now).root());

            Duration lease = live.register(4, Map.of(), Set.of("python:3.12"), Set.of());
            assertThat(lease).isEqualTo(Duration.ofSeconds(LEASE_SECONDS));
            assertThat(live.claim(1)).extracting(NodeExecution::id).containsExactly(rootId);
            heartbeats.scheduleAtFixedRate(live::heartbeat, 0, 1, TimeUnit.SECONDS);
            GrpcNodeClient.ForExecution root = live.begin(rootId, agentKey());
            List<NodeExecutionEvent> seen = new CopyOnWriteArrayList<>();
            CountDownLatch childEnded = new CountDownLatch(1);
            NodeExecution child = root.spawn(Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalInt.of(3));
            AutoCloseable watch = root.watch(event -> {
                seen.add(event);
                if (event.executionId().equals(child.id()) && event.ended()) {
                    childEnded.countDown();
                }
            }, end -> { });

            victim.register(2, Map.of(), Set.of("python:3.12"), Set.of());
            assertThat(victim.claim(1)).extracting(NodeExecution::id).containsExactly(child.id());
            GrpcNodeClient.ForExecution dying = victim.begin(child.id(), agentKey());
            dying.report(IterationEventKind.VALIDATION_FAILED, Optional.of("the import"));
            // From here the victim never heartbeats again: the machine is gone mid-iteration.

            // Bound: lease TTL plus one sweep period (TTL/3), with slack for a loaded 2-core machine.
            assertThat(childEnded.await(LEASE_SECONDS * 4L, TimeUnit.SECONDS))
                    .as("the root's watcher saw the dead node's child end").isTrue();
            watch.close();

            assertThat(seen).filteredOn(event -> event.executionId().equals(child.id()) && event.ended())
                    .extracting(event -> event.to().orElseThrow()).containsExactly(ExecutionStatus.FAILED);
            assertThat(new IterationEventPersistenceAdapter(owner).listByExecution(TENANT, child.id()))
                    .extracting(IterationEvent::sentence)
                    .anySatisfy(sentence -> assertThat(sentence).contains(NodeService.STOPPED_RESPONDING));
            assertThat(root.get().status()).as("the root, on a live node, keeps running").isEqualTo(ExecutionStatus.RUNNING);
            assertThatThrownBy(() -> dying.report(IterationEventKind.VALIDATION_FAILED, Optional.of("the import")))
                    .as("the dead node's SEAL token is refused afterwards").isInstanceOf(DomainException.class);
            assertThatThrownBy(dying::get).isInstanceOf(DomainException.class);
        } finally {
            heartbeats.shutdownNow();
        }
    }

    private static SealAgentKey agentKey() throws Exception {
        return SealAgentKey.fromPublicKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
    }
}
