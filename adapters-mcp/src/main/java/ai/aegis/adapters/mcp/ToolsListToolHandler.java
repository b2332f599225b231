package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.AuthorizeToolCallUseCase;
import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.security.ToolDescriptor;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncListFilter;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code aegis.tools.list}: the AEGIS tools the caller may call, as its tier (or operator role)
 * allows. Also the list filter of {@code tools/list}: both answer from the same use case, so a
 * caller never sees a tool it may not call. The handler re-checks its own authorisation because
 * the SDK's filter hides tools from listings only.
 */
public final class ToolsListToolHandler {

    public static final String NAME = "aegis.tools.list";

    private final AuthorizedToolCall call;
    private final ResolveVisibleToolsUseCase visibleTools;

    public ToolsListToolHandler(AuthorizeToolCallUseCase authorize, ResolveVisibleToolsUseCase visibleTools) {
        this.call = new AuthorizedToolCall(authorize);
        this.visibleTools = Objects.requireNonNull(visibleTools, "visibleTools");
    }

    public McpServerFeatures.SyncToolSpecification specification() {
        McpSchema.Tool tool = McpSchema.Tool.builder()
                .name(NAME)
                .title("List my AEGIS tools")
                .description("Lists the AEGIS tools you may call with your plan (or operator role), each with its "
                        + "family and whether it only reads or also changes or deletes something. Optionally "
                        + "narrowed to one family such as 'task', 'agent', 'workflow', 'volume' or 'web'.")
                .inputSchema(new McpSchema.JsonSchema("object",
                        Map.of("family", Map.of("type", "string",
                                "description", "Only tools of this family, e.g. task, agent, workflow, volume, web")),
                        List.of(), false, null, null))
                .annotations(McpSchema.ToolAnnotations.builder().title("List my AEGIS tools").readOnlyHint(true)
                        .destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .build();
        return McpServerFeatures.SyncToolSpecification.builder().tool(tool).callHandler(this::call).build();
    }

    /** Shows a tool in {@code tools/list} only when the caller may call it. */
    public McpSyncListFilter<McpSchema.Tool> listFilter() {
        return (context, tool) -> {
            AuthenticatedCaller caller;
            try {
                caller = McpCallerContext.caller(context);
            } catch (DomainException e) {
                return false;
            }
            return visibleNames(caller).contains(tool.name());
        };
    }

    private Set<String> visibleNames(AuthenticatedCaller caller) {
        return visibleTools.resolve(ResolveVisibleToolsQuery.withoutConversation(caller.identity())).stream()
                .map(ToolDescriptor::name)
                .collect(Collectors.toSet());
    }

    private McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        return call.run(NAME, exchange, request, (caller, arguments) -> {
            Object family = arguments.get("family");
            List<Map<String, Object>> tools = visibleTools
                    .resolve(ResolveVisibleToolsQuery.withoutConversation(caller.identity())).stream()
                    .filter(tool -> family == null
                            || tool.family().name().equalsIgnoreCase(String.valueOf(family).trim()))
                    .map(ToolsListToolHandler::describe)
                    .toList();
            return Map.of("tools", tools, "security_context", caller.securityContext().value());
        });
    }

    private static Map<String, Object> describe(ToolDescriptor tool) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        entry.put("family", tool.family().name().toLowerCase(Locale.ROOT));
        entry.put("read_only", tool.readOnly());
        entry.put("destructive", tool.destructive());
        return entry;
    }
}
