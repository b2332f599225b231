package ai.aegis.adapters.mcp;

import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The two MCP transports zaru-client may use, serving the same tools: Streamable HTTP at
 * {@value #STREAMABLE_PATH} and the legacy HTTP+SSE transport at {@value #SSE_PATH} (the URL in
 * the seed's client configuration) with its message endpoint at {@value #SSE_MESSAGE_PATH}.
 */
public final class McpEndpoints implements AutoCloseable {

    public static final String STREAMABLE_PATH = "/mcp/v1";
    public static final String SSE_PATH = "/mcp/v1/sse";
    public static final String SSE_MESSAGE_PATH = "/mcp/v1/message";

    /** Largest JSON-RPC request body accepted; tool arguments are small. */
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(25);
    /** Longer than the 120 s client timeout of the seed's configuration, so the client gives up first. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(150);

    private final HttpServletStreamableServerTransportProvider streamable;
    private final HttpServletSseServerTransportProvider sse;
    private final McpSyncServer streamableServer;
    private final McpSyncServer sseServer;

    private McpEndpoints(HttpServletStreamableServerTransportProvider streamable,
                         HttpServletSseServerTransportProvider sse,
                         McpSyncServer streamableServer, McpSyncServer sseServer) {
        this.streamable = streamable;
        this.sse = sse;
        this.streamableServer = streamableServer;
        this.sseServer = sseServer;
    }

    /**
     * @param version     the server version reported in {@code initialize}
     * @param tools       every tool the server knows; who may see and call each is decided per call
     * @param toolFilter  hides from {@code tools/list} what the caller may not call (handlers check again)
     * @param extractor   turns each HTTP request into the transport context handlers read
     */
    public static McpEndpoints create(String version, List<McpServerFeatures.SyncToolSpecification> tools,
                                      McpSyncListFilter<McpSchema.Tool> toolFilter,
                                      McpTransportContextExtractor<HttpServletRequest> extractor) {
        return create(version, tools, toolFilter, extractor, Map.of(), Map.of());
    }

    /**
     * As {@link #create(String, List, McpSyncListFilter, McpTransportContextExtractor)}, with
     * per-caller answers for methods the SDK answers statically ({@code resources/*},
     * {@code prompts/*}) and handlers for notifications it ignores ({@code notifications/cancelled}).
     */
    public static McpEndpoints create(String version, List<McpServerFeatures.SyncToolSpecification> tools,
                                      McpSyncListFilter<McpSchema.Tool> toolFilter,
                                      McpTransportContextExtractor<HttpServletRequest> extractor,
                                      Map<String, McpRequestHandler<?>> requestHandlers,
                                      Map<String, McpNotificationHandler> notificationHandlers) {
        return create(version, tools, toolFilter, extractor, requestHandlers, notificationHandlers, UnaryOperator.identity());
    }

    /**
     * As above, and {@code toolsCall} wraps the SDK's own {@code tools/call} handler (for example to
     * refuse names the server does not offer the way every other refusal is given).
     */
    public static McpEndpoints create(String version, List<McpServerFeatures.SyncToolSpecification> tools,
                                      McpSyncListFilter<McpSchema.Tool> toolFilter,
                                      McpTransportContextExtractor<HttpServletRequest> extractor,
                                      Map<String, McpRequestHandler<?>> requestHandlers,
                                      Map<String, McpNotificationHandler> notificationHandlers,
                                      UnaryOperator<McpRequestHandler<?>> toolsCall) {
        HttpServletStreamableServerTransportProvider streamable = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint(STREAMABLE_PATH)
                .contextExtractor(extractor)
                .keepAliveInterval(KEEP_ALIVE)
                .maxRequestSize(MAX_REQUEST_BYTES)
                .build();
        HttpServletSseServerTransportProvider sse = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint(SSE_PATH)
                .messageEndpoint(SSE_MESSAGE_PATH)
                .contextExtractor(extractor)
                .keepAliveInterval(KEEP_ALIVE)
                .maxRequestSize(MAX_REQUEST_BYTES)
                .build();
        boolean panel = requestHandlers.containsKey("resources/list");
        McpEndpoints endpoints = new McpEndpoints(streamable, sse,
                server(McpServer.sync(streamable), version, tools, toolFilter, panel),
                server(McpServer.sync(sse), version, tools, toolFilter, panel));
        // Before any session exists: the tables are shared by every session of each server.
        for (SdkHandlerTables.Tables tables : List.of(SdkHandlerTables.of(streamable), SdkHandlerTables.of(sse))) {
            tables.requests().putAll(requestHandlers);
            tables.requests().computeIfPresent("tools/call", (method, sdk) -> toolsCall.apply(sdk));
            tables.notifications().putAll(notificationHandlers);
        }
        return endpoints;
    }

    private static McpSyncServer server(McpServer.SyncSpecification<?> specification, String version,
                                        List<McpServerFeatures.SyncToolSpecification> tools,
                                        McpSyncListFilter<McpSchema.Tool> toolFilter, boolean panel) {
        return specification
                .serverInfo("aegis", version)
                .capabilities(capabilities(panel))
                // Handlers run on the HTTP thread that already waits for them, not on a second pool.
                .immediateExecution(true)
                .requestTimeout(REQUEST_TIMEOUT)
                .tools(tools)
                .addToolFilter(toolFilter)
                .build();
    }

    private static McpSchema.ServerCapabilities capabilities(boolean panel) {
        McpSchema.ServerCapabilities.Builder capabilities = McpSchema.ServerCapabilities.builder().tools(true);
        if (panel) {
            capabilities.resources(false, false).prompts(false);
        }
        return capabilities.build();
    }

    /** The Streamable HTTP transport's sessions, for {@link ToolsListFastPath}. */
    SdkHandlerTables.StreamableSessions streamableSessions() {
        return SdkHandlerTables.sessions(streamable);
    }

    /** The servlets to mount on the HTTP server. */
    public List<McpHttpServer.ServletMount> servlets() {
        return List.of(
                new McpHttpServer.ServletMount(STREAMABLE_PATH, streamable),
                new McpHttpServer.ServletMount(SSE_PATH, sse),
                new McpHttpServer.ServletMount(SSE_MESSAGE_PATH, sse));
    }

    /** Ends open sessions politely; call before stopping the HTTP server. */
    @Override
    public void close() {
        streamableServer.closeGracefully();
        sseServer.closeGracefully();
    }
}
