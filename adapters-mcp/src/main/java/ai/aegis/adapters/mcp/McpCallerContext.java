package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.domain.error.UnauthenticatedException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Carries the verified caller from the HTTP request (where {@link ZaruAuthFilter} put it) into
 * the MCP transport context that tool handlers and list filters read. Identity is taken from the
 * verified token on every request, never from headers or the MCP session.
 */
public final class McpCallerContext {

    static final String CALLER_KEY = "aegis.caller";

    private McpCallerContext() {
    }

    /** The extractor to give both MCP transports. */
    public static McpTransportContextExtractor<HttpServletRequest> extractor() {
        return request -> {
            Object caller = request.getAttribute(ZaruAuthFilter.CALLER_ATTRIBUTE);
            return caller == null ? McpTransportContext.EMPTY : McpTransportContext.create(Map.of(CALLER_KEY, caller));
        };
    }

    /**
     * The caller of the current request.
     *
     * @throws UnauthenticatedException when the request did not pass the auth filter (never
     *     expected: the filter guards every MCP path)
     */
    static AuthenticatedCaller caller(McpTransportContext context) {
        Object caller = context.get(CALLER_KEY);
        if (caller instanceof AuthenticatedCaller authenticated) {
            return authenticated;
        }
        throw new UnauthenticatedException("token.missing", "this MCP request carried no verified caller");
    }
}
