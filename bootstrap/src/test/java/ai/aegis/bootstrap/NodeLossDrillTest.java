package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.adapters.grpc.node.GrpcNodeClient;
import ai.aegis.adapters.grpc.node.NodeExecution;
import ai.aegis.application.service.NodeService;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.node.NodeId;
import ai.aegis.domain.seal.SealAgentKey;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: a remote node dies in the middle of an iteration (it stops heartbeating without a
 * word). Within the lease time the service fails the execution with a plain sentence, the caller
 * waiting on it sees that, and the dead node's SEAL token for it no longer works.
 */
class NodeLossDrillTest {

    private static final String NODE_TOKEN = "drill-node-credential-0123456789";

    @TempDir
    Path dataDirectory;

    @Test
    void nodeStopsHeartbeatingMidIteration_executionFailedWithinTheLeaseWaiterToldTokenRefused() throws Exception {
        try (InServe.Pair pair = InServe.twoInstances(dataDirectory, Map.of("AEGIS_NODE_TOKEN", NODE_TOKEN,
                "AEGIS_NODE_LEASE_SECONDS", "5"))) {
            DrillServer server = pair.a();
            String token = pair.token(ZaruTier.PRO, "node-loss-user");
            try (McpSyncClient user = InServe.client(pair.b(), token);
                 GrpcNodeClient node = GrpcNodeClient.connect("127.0.0.1", server.grpcPort(), NodeId.of("drill-node"),
                         NODE_TOKEN)) {
                String id = (String) InServe.structured(user.callTool(new McpSchema.CallToolRequest(
                        "aegis.task.execute", Map.of("task", "Print hello", "code", "print('hello')", "runtime", "python"))))
                        .get("execution_id");
                node.register(1, Map.of("kind", "drill"), Set.of("python:3.12"), Set.of());
                List<NodeExecution> claimed = node.claim(1);
                assertThat(claimed).extracting(NodeExecution::id).containsExactly(ExecutionId.of(id));
                GrpcNodeClient.ForExecution calls = node.begin(ExecutionId.of(id), agentKey());
                calls.report(IterationEventKind.VALIDATION_FAILED, Optional.of("the output was 41, not 42"));
                CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> user.callTool(
                        new McpSchema.CallToolRequest("aegis.task.wait", Map.of("execution_id", id, "timeout_seconds", 30))));

                McpSchema.CallToolResult ended = waiting.get(40, TimeUnit.SECONDS);

                assertThat(InServe.structured(ended)).as("ended before the 30 s wait ran out (the lease is 5 s)")
                        .containsEntry("status", "failed");
                List<?> entries = (List<?>) InServe.structured(user.callTool(new McpSchema.CallToolRequest(
                        "aegis.task.logs", Map.of("execution_id", id)))).get("entries");
                assertThat(entries.toString()).contains(NodeService.STOPPED_RESPONDING);
                assertThatThrownBy(() -> calls.report(IterationEventKind.FIX_APPLIED, Optional.empty()))
                        .isInstanceOf(DomainException.class);
            }
        }
    }

    private static SealAgentKey agentKey() throws Exception {
        byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return SealAgentKey.fromRaw(Arrays.copyOfRange(encoded, encoded.length - SealAgentKey.RAW_LENGTH, encoded.length));
    }
}
