package ai.aegis.domain.security;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.AegisRole;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the {@link ToolCatalog}: a tool's name, family and nature, which built-in contexts
 * include it ({@code access}, plus {@code agentRuntime}), the least operator role that may call it,
 * and the conversation modes that admit it.
 */
public record ToolDescriptor(
        String name,
        ToolFamily family,
        ToolNature nature,
        ToolAccess access,
        AegisRole minimumRole,
        boolean agentRuntime,
        Set<ConversationMode> modes) {

    public ToolDescriptor {
        if (!ToolPattern.isToolName(name)) {
            throw new IllegalArgumentException("not a tool name: " + name);
        }
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(nature, "nature");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(minimumRole, "minimumRole");
        modes = Collections.unmodifiableSet(modes.isEmpty() ? EnumSet.noneOf(ConversationMode.class) : EnumSet.copyOf(modes));
    }

    /** True when the tool only reads (MCP {@code readOnlyHint}). */
    public boolean readOnly() {
        return nature == ToolNature.READ;
    }

    /** True when the tool deletes or removes something (MCP {@code destructiveHint}). */
    public boolean destructive() {
        return nature == ToolNature.DESTRUCTIVE;
    }

    /** True when the conversation mode admits the tool. */
    public boolean admittedIn(ConversationMode mode) {
        return modes.contains(mode);
    }
}
