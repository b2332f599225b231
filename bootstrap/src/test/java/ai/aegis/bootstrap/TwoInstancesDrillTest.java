package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.identity.ZaruTier;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault drill: two {@code aegis serve} instances on one PostgreSQL, no balancer, clients pick an
 * instance each. Limits hold exactly across both, and a cancel sent to one instance reaches a wait
 * running on the other.
 */
class TwoInstancesDrillTest {

    @TempDir
    Path dataDirectory;

    @Test
    void twoInstances_racingStartsOfOneUser_exactlyTheConcurrencyLimitAdmittedAcrossBoth() throws Exception {
        try (InServe.Pair pair = InServe.twoInstances(dataDirectory)) {
            String token = pair.token(ZaruTier.PRO, "racer");
            int attempts = 8;
            List<McpSyncClient> clients = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                clients.add(InServe.client(i % 2 == 0 ? pair.a() : pair.b(), token));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<McpSchema.CallToolResult>> starts = new ArrayList<>();
            for (McpSyncClient client : clients) {
                starts.add(CompletableFuture.supplyAsync(() -> {
                    InServe.await(go);
                    return client.callTool(new McpSchema.CallToolRequest("aegis.task.execute",
                            Map.of("task", "Print hello", "code", "print('hello')", "runtime", "python")));
                }));
            }
            go.countDown();
            List<McpSchema.CallToolResult> results = new ArrayList<>();
            for (CompletableFuture<McpSchema.CallToolResult> start : starts) {
                results.add(start.get(60, TimeUnit.SECONDS));
            }
            clients.forEach(InServe::closeQuietly);

            List<McpSchema.CallToolResult> admitted = results.stream().filter(r -> !Boolean.TRUE.equals(r.isError())).toList();
            List<McpSchema.CallToolResult> refused = results.stream().filter(r -> Boolean.TRUE.equals(r.isError())).toList();
            assertThat(admitted).as("Pro allows 5 running at once, whichever instance admits them").hasSize(5);
            assertThat(refused).hasSize(3).allSatisfy(result -> assertThat(InServe.structured(result))
                    .containsEntry("error", "limit.concurrent_executions"));
        }
    }

    @Test
    void twoInstances_cancelSentToA_reachesTheWaitRunningOnB() throws Exception {
        try (InServe.Pair pair = InServe.twoInstances(dataDirectory)) {
            String token = pair.token(ZaruTier.PRO, "canceller");
            try (McpSyncClient onA = InServe.client(pair.a(), token);
                 McpSyncClient onB = InServe.client(pair.b(), token)) {
                String id = (String) InServe.structured(onA.callTool(new McpSchema.CallToolRequest(
                        "aegis.task.execute", Map.of("task", "Wait", "code", "print(1)", "runtime", "python"))))
                        .get("execution_id");
                CompletableFuture<McpSchema.CallToolResult> waiting = CompletableFuture.supplyAsync(() -> onB.callTool(
                        new McpSchema.CallToolRequest("aegis.task.wait", Map.of("execution_id", id, "timeout_seconds", 30))));
                Thread.sleep(1_000);

                McpSchema.CallToolResult cancelled = onA.callTool(new McpSchema.CallToolRequest("aegis.task.cancel",
                        Map.of("execution_id", id)));
                McpSchema.CallToolResult seenOnB = waiting.get(30, TimeUnit.SECONDS);

                assertThat(cancelled.isError()).as("%s", cancelled.content()).isFalse();
                assertThat(InServe.structured(seenOnB)).containsEntry("status", "cancelled");
                assertThat(InServe.structured(onB.callTool(new McpSchema.CallToolRequest("aegis.task.status",
                        Map.of("execution_id", id))))).containsEntry("status", "cancelled");
            }
        }
    }
}
