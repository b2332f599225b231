package ai.aegis.adapters.mcp;

import ai.aegis.domain.error.DomainException;
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
        return McpSchema.CallToolResult.builder()
                .isError(true)
                .addTextContent(failure.getMessage())
                .structuredContent(Map.of("error", failure.code(), "kind", failure.kind().name().toLowerCase(java.util.Locale.ROOT),
                        "message", failure.getMessage()))
                .build();
    }
}
