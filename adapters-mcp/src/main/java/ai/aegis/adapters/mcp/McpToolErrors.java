package ai.aegis.adapters.mcp;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * The one place where a domain failure becomes an MCP tool result: {@code isError: true}, the
 * message written for people, and the stable reason code in the structured content. Never a stack
 * trace, never a credential.
 */
final class McpToolErrors {

    private McpToolErrors() {
    }

    static McpSchema.CallToolResult result(DomainException failure) {
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("error", failure.code());
        content.put("kind", failure.kind().name().toLowerCase(java.util.Locale.ROOT));
        content.put("message", failure.getMessage());
        if (failure instanceof LimitExceededException limit && limit.retryAfter().isPresent()) {
            // A client can wait exactly this long instead of guessing from the sentence.
            content.put("retry_after_seconds", Math.max(1, (limit.retryAfter().get().toMillis() + 999) / 1000));
        }
        return McpSchema.CallToolResult.builder()
                .isError(true)
                .addTextContent(failure.getMessage())
                .structuredContent(content)
                .build();
    }
}
