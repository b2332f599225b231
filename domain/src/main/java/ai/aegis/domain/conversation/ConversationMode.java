package ai.aegis.domain.conversation;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;

/**
 * The mode a conversation was created in. It is chosen at creation, locked once the first message
 * is sent, and narrows the tools the caller sees. Which tools each mode admits is written down, tool
 * by tool, in {@code ai.aegis.domain.security.ToolCatalog} (the one place that lists every tool);
 * {@link #scope()} is the human summary of that narrowing.
 */
public enum ConversationMode {
    /** Plain conversation: no platform tools and no context panel. */
    CHAT("Chat", "no platform tools", false, false),
    /** Working with agents: agents, tasks, tool discovery and volumes. */
    AGENTIC("Agentic", "agents, tasks, tool discovery and volumes", true, false),
    /** Designing workflows: workflows and schemas, plus agent discovery. */
    ARCHITECT("Architect", "workflows, schemas and agent discovery", true, false),
    /** Single-shot code execution: execute tools, task status/wait/cancel/logs, volume list/quota. */
    EXECUTE("Execute", "code execution, task status, wait, cancel and logs, and volume list and quota", true, false),
    /** Platform operation: every tool the operator's role allows. Operators only. */
    OPERATOR("Operator", "every tool your operator role allows", true, true);

    private final String displayName;
    private final String scope;
    private final boolean contextPanel;
    private final boolean operatorOnly;

    ConversationMode(String displayName, String scope, boolean contextPanel, boolean operatorOnly) {
        this.displayName = displayName;
        this.scope = scope;
        this.contextPanel = contextPanel;
        this.operatorOnly = operatorOnly;
    }

    /** The name as the seed spells it: {@code Chat}, {@code Agentic}, ... */
    public String displayName() {
        return displayName;
    }

    /** A short phrase saying which tools the mode admits, for refusals and the client. */
    public String scope() {
        return scope;
    }

    /** True when the mode shows the context panel (every mode but Chat). */
    public boolean showsContextPanel() {
        return contextPanel;
    }

    /** True when only an operator identity may use the mode. */
    public boolean operatorOnly() {
        return operatorOnly;
    }

    /**
     * Parses a mode name case-insensitively.
     *
     * @throws InvalidInputException naming the accepted values
     */
    public static ConversationMode parse(String text) {
        if (text != null) {
            String wanted = text.trim().toUpperCase(Locale.ROOT);
            for (ConversationMode mode : values()) {
                if (mode.name().equals(wanted)) {
                    return mode;
                }
            }
        }
        throw new InvalidInputException("conversation.unknown_mode",
                "unknown conversation mode; expected one of Chat, Agentic, Architect, Execute, Operator");
    }
}
