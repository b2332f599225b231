package ai.aegis.domain.security;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one decision of which tools a person may call: the tools of their built-in context (tier or
 * operator), narrowed by the conversation mode, narrowed again by the operator's role. The list
 * shown in {@code tools/list} and the answer to a call are the same computation, so a person never
 * sees a tool they may not call and every refusal carries the same reason text.
 *
 * <p>Checks, in order: the tool exists in the {@link ToolCatalog} ({@code tool.unknown}); Operator
 * mode needs an operator ({@code mode.operator_only}); the context grants it (its own reason codes);
 * the mode admits it ({@code mode.tool_excluded}); the operator's role is high enough
 * ({@code role.too_low}).
 */
public final class ToolVisibility {

    private ToolVisibility() {
    }

    /** Decides whether {@code identity} may call {@code toolName} in a conversation in {@code mode}. */
    public static PolicyDecision decide(Identity identity, ConversationMode mode, String toolName) {
        return decide(identity, Optional.of(mode), toolName);
    }

    /**
     * Decides for a caller that names no conversation (a client configured as in the seed): the
     * whole surface of its tier or role, which modes only ever narrow.
     */
    public static PolicyDecision decideWithoutConversation(Identity identity, String toolName) {
        return decide(identity, Optional.empty(), toolName);
    }

    /** The tools a caller that names no conversation may call, in catalog order. */
    public static List<ToolDescriptor> visibleToolsWithoutConversation(Identity identity) {
        List<ToolDescriptor> visible = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (decideWithoutConversation(identity, tool.name()).allowed()) {
                visible.add(tool);
            }
        }
        return visible;
    }

    private static PolicyDecision decide(Identity identity, Optional<ConversationMode> conversationMode,
                                         String toolName) {
        Optional<ToolDescriptor> found = ToolCatalog.find(toolName);
        if (found.isEmpty()) {
            return PolicyDecision.deny("tool.unknown", "unknown tool " + AbsolutePath.quote(toolName)
                    + ": AEGIS has no tool of that name; list the tools to see what you may call");
        }
        ToolDescriptor tool = found.get();
        if (conversationMode.isPresent() && conversationMode.get().operatorOnly()
                && !(identity instanceof Identity.Operator)) {
            return PolicyDecision.deny("mode.operator_only", "tool " + toolName
                    + " is not available: Operator mode is only available to platform operators");
        }
        PolicyDecision byContext = BuiltInContexts.forIdentity(identity).decide(toolName);
        if (byContext.denied()) {
            return byContext;
        }
        if (conversationMode.isPresent() && !tool.admittedIn(conversationMode.get())) {
            ConversationMode mode = conversationMode.get();
            String what = mode == ConversationMode.CHAT ? ", which shows no platform tools"
                    : ", which offers " + mode.scope();
            return PolicyDecision.deny("mode.tool_excluded", "tool " + toolName + " is not available in "
                    + mode.displayName() + " mode" + what + "; start a conversation in another mode to use it");
        }
        if (identity instanceof Identity.Operator operator && !operator.role().includes(tool.minimumRole())) {
            return PolicyDecision.deny("role.too_low", "tool " + toolName + " needs the "
                    + tool.minimumRole().claimValue() + " role; your role is " + operator.role().claimValue());
        }
        String where = conversationMode.map(mode -> "in " + mode.displayName() + " mode")
                .orElse("without a conversation mode");
        return PolicyDecision.allow("policy.allowed", "tool " + toolName + " is available to you " + where);
    }

    /** The tools {@code identity} may call in {@code mode}, in catalog order. */
    public static List<ToolDescriptor> visibleTools(Identity identity, ConversationMode mode) {
        List<ToolDescriptor> visible = new ArrayList<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (decide(identity, mode, tool.name()).allowed()) {
                visible.add(tool);
            }
        }
        return visible;
    }

    /** The names of {@link #visibleTools}, in catalog order. */
    public static List<String> visibleToolNames(Identity identity, ConversationMode mode) {
        List<String> names = new ArrayList<>();
        for (ToolDescriptor tool : visibleTools(identity, mode)) {
            names.add(tool.name());
        }
        return names;
    }
}
