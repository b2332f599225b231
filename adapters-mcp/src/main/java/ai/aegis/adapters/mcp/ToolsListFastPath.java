package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.domain.conversation.Conversation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a Streamable HTTP {@code tools/list} request itself, after every filter in front of the
 * MCP transport has passed it (origin, protocol version, bearer token and session binding, the
 * conversation and its mode), with the bytes the SDK would have sent: the same SSE event (event id
 * = the session id, {@code event: message}) carrying the same JSON-RPC response, whose result is
 * the listing {@link McpToolRegistry} keeps serialised per audience. Only the framing differs: a
 * {@code Content-Length} instead of chunks.
 *
 * <p>Why: the listing is the same few KB for every caller of an audience, yet on the SDK's path
 * each request is parsed into objects, run through Reactor, re-serialised around the cached
 * result, copied into an SSE string and encoded char by char — most of the server's time per
 * {@code tools/list}. Anything this filter is not sure about goes to the SDK unchanged: another
 * method, a malformed or unusual message (id neither a string nor an integer, {@code jsonrpc} not
 * {@code 2.0}), a session the transport does not know or while it shuts down (the SDK answers
 * 404/503), missing {@code Accept} or {@code Content-Type} (400/415), the legacy SSE transport,
 * a visibility that cannot be decided now. Sessions it serves are marked active exactly as the
 * transport marks them, so its idle sweeper treats them alike.
 */
final class ToolsListFastPath extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] METHOD = "tools/list".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "}\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<byte[]> BODY = ThreadLocal.withInitial(() -> new byte[32 * 1024]);

    private final transient McpToolRegistry tools;
    private transient volatile SdkHandlerTables.StreamableSessions sessions;

    ToolsListFastPath(McpToolRegistry tools) {
        this.tools = Objects.requireNonNull(tools, "tools");
    }

    /** From now on, answers for sessions of this transport (until then every request passes through). */
    void serve(SdkHandlerTables.StreamableSessions transportSessions) {
        this.sessions = Objects.requireNonNull(transportSessions, "transportSessions");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Answer answer = answer(request);
        if (answer == null) {
            chain.doFilter(request, response);
            return;
        }
        int length = answer.head().length + answer.listing().length + END.length;
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(length);
        // One write of the whole body, so that it leaves with the headers in one go; the buffer is this
        // thread's and is reused, as the blocking write returns only once the bytes are out of it.
        byte[] body = BODY.get();
        if (body.length < length) {
            body = new byte[length];
            BODY.set(body);
        }
        System.arraycopy(answer.head(), 0, body, 0, answer.head().length);
        System.arraycopy(answer.listing(), 0, body, answer.head().length, answer.listing().length);
        System.arraycopy(END, 0, body, answer.head().length + answer.listing().length, END.length);
        response.getOutputStream().write(body, 0, length);
    }

    /** The start of the SSE event up to the result, and the serialised result. */
    private record Answer(byte[] head, byte[] listing) {
    }

    /** What to answer, or null to let the SDK answer. */
    private Answer answer(HttpServletRequest request) {
        SdkHandlerTables.StreamableSessions open = sessions;
        if (open == null || !"POST".equals(request.getMethod())
                || !McpEndpoints.STREAMABLE_PATH.equals(request.getRequestURI())) {
            return null;
        }
        Object caller = request.getAttribute(ZaruAuthFilter.CALLER_ATTRIBUTE);
        Object body = request.getAttribute(JsonRpcIdFilter.BODY_ATTRIBUTE);
        String session = request.getHeader("Mcp-Session-Id");
        if (!(caller instanceof AuthenticatedCaller verified) || !(body instanceof byte[] bytes)
                || session == null || session.isBlank() || !acceptsBoth(request.getHeader("Accept"))
                || !isJson(request.getContentType()) || indexOf(bytes, METHOD) < 0) {
            return null;
        }
        String id = toolsListId(bytes);
        if (id == null || !open.isOpen(session)) {
            return null;
        }
        Object named = request.getAttribute(ConversationFilter.CONVERSATION_ATTRIBUTE);
        byte[] listing = tools.listingJson(verified.identity(),
                named instanceof Conversation conversation ? Optional.of(conversation) : Optional.empty());
        if (listing == null) {
            return null;
        }
        open.markActive(session);
        return new Answer(("id: " + session + "\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + id
                + ",\"result\":").getBytes(StandardCharsets.UTF_8), listing);
    }

    /** The request's id as JSON when the body is a plain JSON-RPC 2.0 {@code tools/list} request; else null. */
    private static String toolsListId(byte[] body) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (JacksonException malformed) {
            return null;
        }
        if (message == null || !message.isObject() || !isText(message.get("jsonrpc"), "2.0")
                || !isText(message.get("method"), "tools/list")) {
            return null;
        }
        JsonNode id = message.get("id");
        if (id == null || !(id.isString() || id.isIntegralNumber() && id.canConvertToLong())) {
            return null;
        }
        return id.isString() ? JSON.writeValueAsString(id.asString()) : Long.toString(id.longValue());
    }

    private static boolean isText(JsonNode node, String expected) {
        return node != null && node.isString() && expected.equals(node.asString());
    }

    private static boolean acceptsBoth(String accept) {
        return accept != null && accept.contains("text/event-stream") && accept.contains("application/json");
    }

    /** As the SDK decides it: the media type before any parameter is {@code application/json}. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String media = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return media.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static int indexOf(byte[] body, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
