package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.error.InvalidInputException;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authorised call of an AEGIS tool as a handler sees it: the verified caller, the conversation
 * it names (absent for a client configured as in the seed), the arguments (already validated
 * against the tool's input schema by the SDK), the MCP exchange (for progress notifications), the
 * client's progress token and the call's JSON-RPC id (for cancellation), when sent.
 */
public record ToolCall(String toolName, AuthenticatedCaller caller, Optional<Conversation> conversation,
        Map<String, Object> arguments, McpSyncServerExchange exchange, Optional<Object> progressToken,
        Optional<String> requestId) {

    public ToolCall {
        Objects.requireNonNull(toolName, "toolName");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(conversation, "conversation");
        arguments = arguments == null ? Map.of() : arguments;
        Objects.requireNonNull(progressToken, "progressToken");
        Objects.requireNonNull(requestId, "requestId");
    }

    /**
     * Sends an MCP progress notification whose message is {@code sentence} (a plain-English
     * iteration sentence), when the client asked for progress; otherwise does nothing. A client
     * that went away is not an error: it reads the status on its next call.
     */
    public void progress(double progress, String sentence) {
        if (progressToken.isEmpty() || exchange == null) {
            return;
        }
        try {
            exchange.progressNotification(new McpSchema.ProgressNotification(progressToken.get(), progress, null,
                    sentence, null));
        } catch (RuntimeException clientGone) {
            // Progress is a courtesy; the final answer still carries the status.
        }
    }

    /** A required text argument. */
    public String text(String name) {
        return optionalText(name).orElseThrow(() -> new InvalidInputException("tool.argument_missing",
                toolName + " needs the argument '" + name + "'"));
    }

    /** An optional text argument (blank counts as absent). */
    public Optional<String> optionalText(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            throw new InvalidInputException("tool.argument_invalid", "the argument '" + name + "' must be text");
        }
        return text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    /** An optional whole-number argument within bounds. */
    public Optional<Integer> optionalInteger(String name, int min, int max) {
        Object value = arguments.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                && number.doubleValue() >= min && number.doubleValue() <= max) {
            return Optional.of(number.intValue());
        }
        throw new InvalidInputException("tool.argument_invalid",
                "the argument '" + name + "' must be a whole number from " + min + " to " + max);
    }

    /** An optional yes/no argument. */
    public boolean flag(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean yes) {
            return yes;
        }
        throw new InvalidInputException("tool.argument_invalid", "the argument '" + name + "' must be true or false");
    }
}
