package ai.aegis.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A bare MCP client over the Streamable HTTP transport of a running {@code aegis serve}, for drills
 * and load drivers that send many raw JSON-RPC messages: open a session, then post into it.
 */
public final class McpHttp {

    private static final String PROTOCOL = "2025-06-18";

    private McpHttp() {
    }

    /** Initialises a session as {@code clientName} with the bearer token; answers its session id. */
    public static String open(HttpClient http, String base, String token, String clientName) throws Exception {
        HttpResponse<String> init = http.send(post(base, token, null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                + "\"initialize\",\"params\":{\"protocolVersion\":\"" + PROTOCOL + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"" + clientName + "\",\"version\":\"1\"}}}"), HttpResponse.BodyHandlers.ofString());
        String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow(
                () -> new IllegalStateException("initialize answered " + init.statusCode() + ": " + init.body()));
        http.send(post(base, token, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
                HttpResponse.BodyHandlers.discarding());
        return session;
    }

    /** A JSON-RPC message to {@code /mcp/v1}, into {@code session} once there is one. */
    public static HttpRequest post(String base, String token, String session, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/mcp/v1"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", PROTOCOL);
        }
        return request.build();
    }
}
