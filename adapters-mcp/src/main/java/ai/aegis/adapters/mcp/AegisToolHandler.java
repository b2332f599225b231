package ai.aegis.adapters.mcp;

import ai.aegis.domain.error.DomainException;
import java.util.Map;

/**
 * The work of one MCP tool, after the caller has been authorised for it: calls an application use
 * case and returns the result as data (sent back as structured content and as its JSON text).
 * Refusals and failures are thrown as {@link DomainException}s and become {@code isError} results.
 */
@FunctionalInterface
public interface AegisToolHandler {

    Map<String, Object> handle(ToolCall call);
}
