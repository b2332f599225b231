package ai.aegis.adapters.mcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long tool calls in flight, by MCP session and JSON-RPC id, so that the client's
 * {@code notifications/cancelled} (which the SDK ignores) reaches the call it names: its cancel
 * action cancels the call's execution tree and ends the wait.
 */
final class McpInFlightCalls {

    /** Deregisters the call when the handler returns. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, Runnable> calls = new ConcurrentHashMap<>();

    Registration register(String sessionId, String requestId, Runnable cancel) {
        String key = key(sessionId, requestId);
        calls.put(key, cancel);
        return () -> calls.remove(key, cancel);
    }

    /** Runs the cancel action of the named call, if it is still in flight; true when there was one. */
    boolean cancel(String sessionId, String requestId) {
        Runnable cancel = calls.remove(key(sessionId, requestId));
        if (cancel == null) {
            return false;
        }
        cancel.run();
        return true;
    }

    int size() {
        return calls.size();
    }

    private static String key(String sessionId, String requestId) {
        return sessionId + '\u0000' + requestId;
    }
}
