package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The MCP {@code tools/call} an envelope carries: the tool name and its arguments. It is what the
 * policy and rate-limit steps of envelope verification judge.
 *
 * <p>Invariant: the tool name is 1 to 128 characters of letters, digits, {@code . _ -}; the
 * arguments are a JSON object.
 */
public record SealToolCall(String toolName, JsonValue.JsonObject arguments) {

    private static final Pattern TOOL = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public SealToolCall {
        if (toolName == null || !TOOL.matcher(toolName).matches()) {
            throw new InvalidInputException("seal.payload_invalid",
                    "the tool name must be 1 to 128 letters, digits, dots, underscores or hyphens");
        }
        Objects.requireNonNull(arguments, "arguments");
    }

    /**
     * Reads the tool call out of an envelope payload: a JSON-RPC 2.0 request with method
     * {@code tools/call}, {@code params.name}, and optional object {@code params.arguments}.
     *
     * @throws InvalidInputException code {@code seal.payload_invalid}
     */
    public static SealToolCall fromPayload(JsonValue payload) {
        if (!(payload instanceof JsonValue.JsonObject message)) {
            throw invalid("the SEAL payload must be a JSON-RPC request object");
        }
        if (!new JsonValue.JsonString("2.0").equals(message.get("jsonrpc"))) {
            throw invalid("the SEAL payload must be a JSON-RPC 2.0 message");
        }
        if (!new JsonValue.JsonString("tools/call").equals(message.get("method"))) {
            throw invalid("the SEAL payload must be an MCP tools/call request");
        }
        if (!(message.get("params") instanceof JsonValue.JsonObject params)) {
            throw invalid("the tools/call request has no params object");
        }
        if (!(params.get("name") instanceof JsonValue.JsonString name)) {
            throw invalid("the tools/call request names no tool");
        }
        JsonValue arguments = params.get("arguments");
        if (arguments == null) {
            return new SealToolCall(name.value(), new JsonValue.JsonObject(Map.of()));
        }
        if (!(arguments instanceof JsonValue.JsonObject object)) {
            throw invalid("the tools/call arguments must be a JSON object");
        }
        return new SealToolCall(name.value(), object);
    }

    private static InvalidInputException invalid(String message) {
        return new InvalidInputException("seal.payload_invalid", message);
    }
}
