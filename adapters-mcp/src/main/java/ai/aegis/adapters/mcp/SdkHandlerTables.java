package ai.aegis.adapters.mcp;

import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.server.McpNotificationHandler;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import java.lang.reflect.Field;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Reaches the request and notification handler tables the MCP Java SDK 2.1.0 builds for a
 * server, so that AEGIS can answer what the SDK answers statically or not at all:
 * {@code resources/list}, {@code resources/read}, {@code prompts/list}, {@code prompts/get} per
 * caller, and {@code notifications/cancelled} (which the SDK ignores). The tables are plain maps
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
