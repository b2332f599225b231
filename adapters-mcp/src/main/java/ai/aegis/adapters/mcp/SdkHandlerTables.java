package ai.aegis.adapters.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Reaches the request and notification handler tables the MCP Java SDK 2.1.0 builds for a
 * server, so that AEGIS can answer what the SDK answers statically or not at all:
 * {@code resources/list}, {@code resources/read}, {@code prompts/list}, {@code prompts/get} per
 * caller, and {@code notifications/cancelled} (which the SDK ignores); and the Streamable HTTP
 * session table, which {@link ToolsListFastPath} reads. The tables are plain maps
 * shared by every session of one server; they are changed once, at start, before any session
 * exists. Pinned to the SDK's internals: if they change, the server refuses to start (tests catch it).
 */
final class SdkHandlerTables {

    record Tables(Map<String, McpRequestHandler<?>> requests, Map<String, McpNotificationHandler> notifications) {
    }

    private SdkHandlerTables() {
    }

    static Tables of(HttpServletStreamableServerTransportProvider provider) {
        Object factory = field(provider, HttpServletStreamableServerTransportProvider.class, "sessionFactory");
        return new Tables(cast(field(factory, factory.getClass(), "requestHandlers")),
                cast(field(factory, factory.getClass(), "notificationHandlers")));
    }

    static Tables of(HttpServletSseServerTransportProvider provider) {
        McpServerSession.Factory factory = (McpServerSession.Factory) field(provider,
                HttpServletSseServerTransportProvider.class, "sessionFactory");
        McpServerSession probe = factory.create(new NoTransport());
        try {
            return new Tables(cast(field(probe, McpServerSession.class, "requestHandlers")),
                    cast(field(probe, McpServerSession.class, "notificationHandlers")));
        } finally {
            probe.close();
        }
    }

    /**
     * The Streamable HTTP transport's own view of its sessions, for {@link ToolsListFastPath}: whether
     * a session id is open (the transport answers 404 otherwise, and 503 while shutting down) and the
     * activity mark the transport sets on every request, without which its sweeper would close a
     * session that only ever lists tools.
     */
    static final class StreamableSessions {
        private final Map<String, ?> open;
        private final MethodHandle closing;
        private final MethodHandle markActive;

        private StreamableSessions(Map<String, ?> open, MethodHandle closing, MethodHandle markActive) {
            this.open = open;
            this.closing = closing;
            this.markActive = markActive;
        }

        /** True when the transport would serve a request on this session now. */
        boolean isOpen(String sessionId) {
            try {
                return !(boolean) closing.invokeExact() && open.containsKey(sessionId);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read the MCP SDK session table", e);
            }
        }

        /** Marks the session used, as the transport does on each request it serves itself. */
        void markActive(String sessionId) {
            try {
                markActive.invokeExact(sessionId);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot mark an MCP SDK session active", e);
            }
        }
    }

    static StreamableSessions sessions(HttpServletStreamableServerTransportProvider provider) {
        Class<HttpServletStreamableServerTransportProvider> type = HttpServletStreamableServerTransportProvider.class;
        Map<String, ?> open = cast(field(provider, type, "sessions"));
        try {
            Field closing = type.getDeclaredField("isClosing");
            closing.setAccessible(true);
            Method mark = type.getDeclaredMethod("markSessionActive", String.class);
            mark.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            return new StreamableSessions(open,
                    lookup.unreflectGetter(closing).bindTo(provider).asType(MethodType.methodType(boolean.class)),
                    lookup.unreflect(mark).bindTo(provider).asType(MethodType.methodType(void.class, String.class)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this MCP SDK version has no HttpServletStreamableServerTransportProvider"
                    + ".isClosing or .markSessionActive; AEGIS is built against io.modelcontextprotocol.sdk 2.1.0", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }

    private static Object field(Object target, Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            Object value = field.get(target);
            if (value == null) {
                throw new IllegalStateException("MCP SDK field " + type.getSimpleName() + "." + name + " is not set");
            }
            return value;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this MCP SDK version has no " + type.getSimpleName() + "." + name
                    + "; AEGIS is built against io.modelcontextprotocol.sdk 2.1.0", e);
        }
    }

    /** A transport for the probe session that is never used to talk to anyone. */
    private static final class NoTransport implements McpServerTransport {
        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }

        @Override
        public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
            return Mono.empty();
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            throw new IllegalStateException("the probe session receives nothing");
        }
    }
}
