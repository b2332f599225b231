package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.ToolDescriptor;
import io.modelcontextprotocol.server.McpRequestHandler;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Glass Laboratory context panel over MCP. {@code resources/list} returns what is in scope for
 * the conversation's mode — tools now, agents and workflows from {@link Source} — each readable
 * ({@code resources/read}) as JSON with its parameter schema; Chat mode has no panel, so nothing.
 * A client naming no conversation sees its whole surface. {@code prompts/get} of
 * {@value #SEND_TO_CHAT} with a resource's {@code uri} returns the structured "Send to Chat" prompt;
 * "Execute" on a panel item is an ordinary {@code tools/call}.
 */
public final class ContextPanel {

    public static final String SEND_TO_CHAT = "send_to_chat";
    static final String TOOL_URI_PREFIX = "aegis://tools/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One panel entry: an agent, a workflow or a tool, with the schema of its parameters. */
    public record Item(String uri, String kind, String name, String title, String description,
                       Map<String, Object> parameterSchema) {
        public Item {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(parameterSchema, "parameterSchema");
        }
    }

    /**
     * Where agents and workflows come from: the seam for the agent and workflow registry, which
     * returns the caller's items in scope for the mode (absent mode: the whole surface).
     */
    @FunctionalInterface
    public interface Source {
        List<Item> items(Identity identity, Optional<ConversationMode> mode);

        /** Until the registry is plugged in: no agents or workflows. */
        Source NONE = (identity, mode) -> List.of();
    }

    private final ResolveVisibleToolsUseCase visibleTools;
    private volatile Source registry;

    public ContextPanel(ResolveVisibleToolsUseCase visibleTools, Source registry) {
        this.visibleTools = Objects.requireNonNull(visibleTools, "visibleTools");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** Shows the caller's agents and workflows from {@code source} from now on. */
    void showRegistry(Source source) {
        this.registry = Objects.requireNonNull(source, "source");
    }

    /** The panel items of the caller of this request. */
    List<Item> items(AuthenticatedCaller caller, Optional<Conversation> conversation) {
        Optional<ConversationMode> mode = conversation.map(Conversation::mode);
        if (mode.isPresent() && !mode.get().showsContextPanel()) {
            return List.of();
        }
        List<Item> items = new ArrayList<>(registry.items(caller.identity(), mode));
        for (ToolDescriptor tool : visibleTools.resolve(new ResolveVisibleToolsQuery(caller.identity(), mode))) {
            ToolDefinitions.find(tool.name()).ifPresent(definition -> items.add(new Item(TOOL_URI_PREFIX + tool.name(),
                    "tool", tool.name(), definition.title(), definition.description(), schema(definition))));
        }
        return items;
    }

    private static Map<String, Object> schema(ToolDefinitions.Definition definition) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", definition.properties());
        schema.put("required", definition.required());
        return schema;
    }

    /** The handlers that replace the SDK's static resource and prompt answers. */
    Map<String, McpRequestHandler<?>> requestHandlers() {
        Map<String, McpRequestHandler<?>> handlers = new LinkedHashMap<>();
        handlers.put("resources/list", (exchange, params) -> Mono.fromCallable(() -> {
            List<McpSchema.Resource> resources = items(exchange).stream()
                    .map(item -> McpSchema.Resource.builder(item.uri(), item.name()).title(item.title())
                            .description(item.description()).mimeType("application/json").build())
                    .toList();
            return new McpSchema.ListResourcesResult(resources, null, null);
        }));
        handlers.put("resources/templates/list", (exchange, params) -> Mono.just(
                new McpSchema.ListResourceTemplatesResult(List.of(), null, null)));
        handlers.put("resources/read", (exchange, params) -> Mono.fromCallable(() -> {
            Item item = find(exchange, argument(params, "uri"));
            return new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(item.uri(),
                    "application/json", JSON.writeValueAsString(describe(item)), null)), null);
        }));
        handlers.put("prompts/list", (exchange, params) -> Mono.just(new McpSchema.ListPromptsResult(List.of(
                new McpSchema.Prompt(SEND_TO_CHAT, "Send to Chat", "A prompt asking the assistant to help configure or "
                        + "explain a context-panel item (agent, workflow or tool) before running it",
                        List.of(new McpSchema.PromptArgument("uri", "Panel item", "The uri of the item, from resources/list",
                                true)))), null, null)));
        handlers.put("prompts/get", (exchange, params) -> Mono.fromCallable(() -> {
            if (!SEND_TO_CHAT.equals(argument(params, "name"))) {
                throw invalid("there is no prompt of that name; the only prompt is " + SEND_TO_CHAT);
            }
            Object arguments = params instanceof Map<?, ?> map ? map.get("arguments") : null;
            Object uri = arguments instanceof Map<?, ?> named ? named.get("uri") : null;
            Item item = find(exchange, uri == null ? null : uri.toString());
            return new McpSchema.GetPromptResult("Send " + item.name() + " to chat", List.of(new McpSchema.PromptMessage(
                    McpSchema.Role.USER, new McpSchema.TextContent(sendToChat(item)))), null);
        }));
        return handlers;
    }

    /** The structured prompt Send to Chat puts in the chat input. */
    static String sendToChat(Item item) {
        StringBuilder prompt = new StringBuilder();
        prompt.append("I'd like to use the ").append(item.kind()).append(" \"").append(item.name()).append('"');
        if (item.title() != null) {
            prompt.append(" (").append(item.title()).append(')');
        }
        prompt.append(".\n\nWhat it does: ").append(item.description() == null ? "(no description)" : item.description())
                .append("\n\nParameters (JSON Schema):\n").append(JSON.writeValueAsString(item.parameterSchema()))
                .append("\n\nPlease explain what it will do, help me choose the parameter values, and then run it "
                        + "for me once I confirm.");
        return prompt.toString();
    }

    private List<Item> items(io.modelcontextprotocol.server.McpAsyncServerExchange exchange) {
        return items(McpCallerContext.caller(exchange.transportContext()),
                McpCallerContext.conversation(exchange.transportContext()));
    }

    private Item find(io.modelcontextprotocol.server.McpAsyncServerExchange exchange, String uri) {
        if (uri == null) {
            throw invalid("name the panel item by its uri, from resources/list");
        }
        return items(exchange).stream().filter(item -> item.uri().equals(uri)).findFirst()
                .orElseThrow(() -> McpError.builder(-32002).message("resource not found: " + uri
                        + " is not in this conversation's context panel").build());
    }

    private static Map<String, Object> describe(Item item) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("kind", item.kind());
        entry.put("name", item.name());
        entry.put("title", item.title());
        entry.put("description", item.description());
        entry.put("parameters", item.parameterSchema());
        return entry;
    }

    private static String argument(Object params, String name) {
        Object value = params instanceof Map<?, ?> map ? map.get(name) : null;
        return value == null ? null : value.toString();
    }

    private static McpError invalid(String message) {
        return McpError.builder(-32602).message(message).build();
    }
}
