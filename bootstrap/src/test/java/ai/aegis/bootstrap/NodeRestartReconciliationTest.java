package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.adapters.persistence.ExecutionPersistenceAdapter;
import ai.aegis.adapters.persistence.IterationEventPersistenceAdapter;
import ai.aegis.adapters.persistence.NodePersistenceAdapter;
import ai.aegis.adapters.persistence.PostgresPersistence;
import ai.aegis.application.service.NodeService;
import ai.aegis.domain.conversation.ConversationId;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.execution.ExecutionStatus;
import ai.aegis.domain.execution.ExecutionTree;
import ai.aegis.domain.execution.NewRoot;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.iteration.IterationEvent;
import ai.aegis.domain.node.Node;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.security.BuiltInContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restart policy of the local node: what it held when the instance stopped is handled by the
 * dead-node rule at start (running → failed with a plain sentence, claimed-but-unstarted → back in
 * the queue), and the node then claims over real gRPC through {@code aegis serve}'s wiring.
 */
class NodeRestartReconciliationTest {

    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("4d5e6f7a-8b9c-4d0e-8f1a-2b3c4d5e6f7a"));

    @TempDir
    Path dataDirectory;

    private static ExecutionTree root(String id, Instant now) {
        return ExecutionTree.startRoot(new NewRoot(ExecutionId.of(id), TENANT, "alice", ConversationId.of("conv-" + id),
                BuiltInContexts.AGENT_RUNTIME, now.plus(Duration.ofMinutes(30)), 512L * 1024 * 1024, 5),
                Optional.empty(), now);
    }

    @Test
    void start_localNodeHeldWork_runningFailedUnstartedRequeuedThenClaimableOverGrpc() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        NodeId local = NodeSettings.fromEnvironment(Map.of(), DataDirectory.prepare(dataDirectory).root()).localNodeId();
        try (Database database = Database.embedded(DataDirectory.prepare(dataDirectory));
             PostgresPersistence persistence = Migrations.open(database)) {
            ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(persistence.jdbi());
            ExecutionTree running = root("exec-running", now);
            executions.insertRoot(running.root());
            executions.insertRoot(root("exec-claimed", now.plusMillis(1)).root());
            NodePersistenceAdapter nodes = new NodePersistenceAdapter(persistence.jdbi());
            Node node = Node.register(local, 4, Map.of(), Set.of("python:3.12"), Set.of(), now);
            nodes.save(node);
            assertThat(nodes.claim(node, 10, now, now.plusSeconds(30))).hasSize(2);
            executions.saveChanges(TENANT, running, running.start(ExecutionId.of("exec-running"), now).changed());
        }

        try (AegisServer server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()))) {
            Jdbi owner = Jdbi.create(server.databaseSettings().url(), "postgres", "");
            ExecutionPersistenceAdapter executions = new ExecutionPersistenceAdapter(owner);
            assertThat(executions.findInAnyTenant(ExecutionId.of("exec-running")).orElseThrow().status())
                    .isEqualTo(ExecutionStatus.FAILED);
            assertThat(executions.findInAnyTenant(ExecutionId.of("exec-claimed")).orElseThrow().status())
                    .isEqualTo(ExecutionStatus.PENDING);
            assertThat(new IterationEventPersistenceAdapter(owner).listByExecution(TENANT, ExecutionId.of("exec-running")))
                    .extracting(IterationEvent::sentence)
                    .anySatisfy(sentence -> assertThat(sentence).contains(NodeService.STOPPED_RESPONDING));

            try (GrpcNodeClient client = server.nodes().localNodeClient("127.0.0.1", server.grpcPort())) {
                client.register(4, Map.of(), Set.of("python:3.12"), Set.of());
                List<NodeExecution> claimed = client.claim(10);

                assertThat(claimed).extracting(NodeExecution::id).containsExactly(ExecutionId.of("exec-claimed"));
                assertThat(server.nodes().runtimes().list(new ai.aegis.application.port.in.ListRuntimesQuery(
                        ai.aegis.domain.identity.Identity.zaruUser(ai.aegis.domain.identity.ZaruUserId.of("alice"), TENANT,
                                ai.aegis.domain.identity.ZaruTier.PRO)))).containsExactly("python:3.12");
            }
        }
    }
}
