package ai.aegis.bootstrap;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the MCP-level tests through real servers share: two instances on one database (started with
 * {@link DrillServer}, which also mints their tokens), MCP clients, result helpers.
 */
final class InServe {

    private InServe() {
    }

    /** Two instances: {@code a} with the embedded database, {@code b} on the same database as the app role. */
    record Pair(DrillServer a, DrillServer b) implements AutoCloseable {

        /** A token both instances accept (they share the development identity provider's keys). */
        String token(ZaruTier tier, String user) {
            return a.consumerToken(tier, user, TenantId.consumer(UUID.nameUUIDFromBytes(user.getBytes())));
        }

        @Override
        public void close() {
            b.close();
            a.close();
        }
    }

    static Pair twoInstances(Path dataDirectory) {
        return twoInstances(dataDirectory, Map.of());
    }

    static Pair twoInstances(Path dataDirectory, Map<String, String> env) {
        DrillServer a = DrillServer.embedded(dataDirectory, env);
        try {
            Map<String, String> onShared = new java.util.HashMap<>(env);
            onShared.put("AEGIS_DATABASE_APP_ROLE", "aegis_app");
            return new Pair(a, DrillServer.external(dataDirectory, a.databaseUrl(), "postgres", null, onShared));
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    static McpSyncClient client(DrillServer server, String token) {
        return client(server.httpPort(), token);
    }

    static McpSyncClient client(AegisServer server, String token) {
        return client(server.httpPort(), token);
    }

    private static McpSyncClient client(int httpPort, String token) {
        McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + httpPort)
                        .endpoint("/mcp/v1").requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + token))
                        .build())
                .requestTimeout(Duration.ofSeconds(60)).build();
        client.initialize();
        return client;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the start signal never came");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void closeQuietly(McpSyncClient client) {
        try {
            client.close();
        } catch (RuntimeException alreadyGone) {
            // The server may be gone already; nothing is left to tell it.
        }
    }
}
