package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.error.UnauthenticatedException;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries what the HTTP filters established about a request into the MCP transport context that
 * tool handlers and list filters read: the verified caller ({@link ZaruAuthFilter}), the
 * conversation it names ({@link ConversationFilter}) and the JSON-RPC id of a {@code tools/call}
 * ({@link JsonRpcIdFilter}, for cancellation). Identity is taken from the verified token on every
 * request, never from headers or the MCP session.
 */
public final class McpCallerContext {

    static final String CALLER_KEY = "aegis.caller";
    static final String CONVERSATION_KEY = "aegis.conversation";
    static final String REQUEST_ID_KEY = "aegis.jsonrpc_id";

    private McpCallerContext() {
    }

    /** The extractor to give both MCP transports. */
    public static McpTransportContextExtractor<HttpServletRequest> extractor() {
        return request -> {
            Object caller = request.getAttribute(ZaruAuthFilter.CALLER_ATTRIBUTE);
            if (caller == null) {
                return McpTransportContext.EMPTY;
            }
            Object conversation = request.getAttribute(ConversationFilter.CONVERSATION_ATTRIBUTE);
            Object requestId = request.getAttribute(JsonRpcIdFilter.REQUEST_ID_ATTRIBUTE);
            if (conversation == null && requestId == null) {
                return McpTransportContext.create(Map.of(CALLER_KEY, caller));
            }
            Map<String, Object> values = new HashMap<>();
            values.put(CALLER_KEY, caller);
            if (conversation != null) {
                values.put(CONVERSATION_KEY, conversation);
            }
            if (requestId != null) {
                values.put(REQUEST_ID_KEY, requestId);
            }
            return McpTransportContext.create(values);
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

    /** The conversation the request names, if any (absent: the caller's whole surface applies). */
    static Optional<Conversation> conversation(McpTransportContext context) {
        Object conversation = context.get(CONVERSATION_KEY);
        return conversation instanceof Conversation named ? Optional.of(named) : Optional.empty();
    }

    /** The JSON-RPC id of the {@code tools/call} this request carries, as text. */
    static Optional<String> requestId(McpTransportContext context) {
        Object id = context.get(REQUEST_ID_KEY);
        return id == null ? Optional.empty() : Optional.of(id.toString());
    }
}
