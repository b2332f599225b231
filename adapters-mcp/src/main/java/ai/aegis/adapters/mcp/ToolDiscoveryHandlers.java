package ai.aegis.adapters.mcp;

import ai.aegis.application.port.in.ResolveVisibleToolsQuery;
import ai.aegis.application.port.in.ResolveVisibleToolsUseCase;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.PolicyDecision;
import ai.aegis.domain.security.ToolCatalog;
import ai.aegis.domain.security.ToolDescriptor;
import ai.aegis.domain.security.ToolVisibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code aegis.tools.list} (what the caller may call here) and {@code aegis.tools.search} (any
 * tool by words, with whether the caller may call it and, if not, the same reason a call would be
 * refused with). Both answer from the one visibility decision that {@code tools/list} uses.
 */
final class ToolDiscoveryHandlers {

    private final ResolveVisibleToolsUseCase visibleTools;

    ToolDiscoveryHandlers(ResolveVisibleToolsUseCase visibleTools) {
        this.visibleTools = Objects.requireNonNull(visibleTools, "visibleTools");
    }

    void registerIn(McpToolRegistry registry) {
        registry.handle("aegis.tools.list", this::list).handle("aegis.tools.search", this::search);
    }

    Map<String, Object> list(ToolCall call) {
        Optional<String> family = call.optionalText("family");
        List<Map<String, Object>> tools = visibleTools.resolve(new ResolveVisibleToolsQuery(call.caller().identity(),
                        call.conversation().map(Conversation::mode))).stream()
                .filter(tool -> family.isEmpty() || tool.family().name().equalsIgnoreCase(family.get()))
                .map(tool -> describe(tool, Optional.empty()))
                .toList();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tools", tools);
        result.put("security_context", call.caller().securityContext().value());
        call.conversation().ifPresent(conversation -> result.put("mode", conversation.mode().displayName()));
        return result;
    }

    Map<String, Object> search(ToolCall call) {
        String query = call.text("query").toLowerCase(Locale.ROOT);
        List<Map<String, Object>> matches = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            Optional<ToolDefinitions.Definition> definition = ToolDefinitions.find(tool.name());
            if (definition.isEmpty()) {
                continue;
            }
            String haystack = (tool.name() + " " + definition.get().title() + " " + definition.get().description())
                    .toLowerCase(Locale.ROOT);
            if (haystack.contains(query)) {
                matches.add(describe(tool, Optional.of(decision(call, tool.name()))));
            }
        }
        return Map.of("tools", matches);
    }

    /** The decision a call of {@code toolName} would get from this caller in this conversation. */
    static PolicyDecision decision(ToolCall call, String toolName) {
        Identity identity = call.caller().identity();
        return call.conversation().isPresent()
                ? ToolVisibility.decide(identity, call.conversation().get().mode(), toolName)
                : ToolVisibility.decideWithoutConversation(identity, toolName);
    }

    private static Map<String, Object> describe(ToolDescriptor tool, Optional<PolicyDecision> decision) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        entry.put("family", tool.family().name().toLowerCase(Locale.ROOT));
        ToolDefinitions.find(tool.name()).ifPresent(definition -> entry.put("description", definition.description()));
        entry.put("read_only", tool.readOnly());
        entry.put("destructive", tool.destructive());
        decision.ifPresent(d -> {
            entry.put("available", d.allowed());
            if (d.denied()) {
                entry.put("reason", d.reason());
                entry.put("reason_code", d.code());
            }
        });
        return entry;
    }
}
