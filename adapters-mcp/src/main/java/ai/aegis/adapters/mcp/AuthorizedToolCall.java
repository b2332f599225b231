package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.AuthorizeToolCallCommand;
import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.domain.error.DomainException;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every tool handler does first and last: take the verified caller from the request,
 * re-check that it may call this tool (the SDK's list filter only hides tools), run the work, and
 * turn a domain refusal into an {@code isError} result. Results that are data go back both as
 * structured content and as its JSON text.
 */
final class AuthorizedToolCall {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuthorizeToolCallUseCase authorize;

    AuthorizedToolCall(AuthorizeToolCallUseCase authorize) {
        this.authorize = Objects.requireNonNull(authorize, "authorize");
    }

    McpSchema.CallToolResult run(String toolName, McpSyncServerExchange exchange, McpSchema.CallToolRequest request,
                                 BiFunction<AuthenticatedCaller, Map<String, Object>, Map<String, Object>> work) {
        try {
            AuthenticatedCaller caller = McpCallerContext.caller(exchange.transportContext());
            authorize.authorize(AuthorizeToolCallCommand.withoutConversation(caller.identity(), toolName));
            Map<String, Object> result = work.apply(caller, request.arguments() == null ? Map.of() : request.arguments());
            return McpSchema.CallToolResult.builder()
                    .structuredContent(result)
                    .addTextContent(JSON.writeValueAsString(result))
                    .build();
        } catch (DomainException refusal) {
            return McpToolErrors.result(refusal);
        }
    }
}
