package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * Which tools a capability or deny-list entry is about: {@code *} (every tool), {@code prefix.*}
 * (every tool whose dotted name starts with {@code prefix.}) or an exact dotted tool name such as
 * {@code aegis.agent.list}.
 *
 * <p>Invariant: tool names are lower-case dotted segments ({@code [a-z][a-z0-9_]*}); a prefix
 * pattern matches only on a segment boundary, so {@code fs.*} matches {@code fs.read} but neither
 * {@code fs} nor {@code fsx.read}.
 */
public record ToolPattern(String value) {

    private static final Pattern TOOL_NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    /** The pattern that matches every tool. */
    public static final ToolPattern ANY = new ToolPattern("*");

    public ToolPattern {
        if (value == null || !(value.equals("*") || isToolName(value)
                || (value.endsWith(".*") && isToolName(value.substring(0, value.length() - 2))))) {
            throw new InvalidInputException("policy.invalid_tool_pattern",
                    "tool pattern must be *, prefix.* or an exact dotted tool name such as aegis.agent.list");
        }
    }

    public static ToolPattern of(String value) {
        return new ToolPattern(value);
    }

    /** True when {@code name} is a syntactically valid dotted tool name. */
    public static boolean isToolName(String name) {
        return name != null && name.length() <= 200 && TOOL_NAME.matcher(name).matches();
    }

    public boolean isWildcard() {
        return value.equals("*");
    }

    public boolean isPrefix() {
        return value.endsWith(".*") && !isWildcard();
    }

    /** True when the tool named {@code toolName} falls under this pattern. */
    public boolean matches(String toolName) {
        if (toolName == null) {
            return false;
        }
        if (isWildcard()) {
            return true;
        }
        if (isPrefix()) {
            String prefix = value.substring(0, value.length() - 1);
            return toolName.startsWith(prefix) && toolName.length() > prefix.length();
        }
        return value.equals(toolName);
    }

    /** True when every tool this {@code other} pattern can match is also matched by this pattern. */
    public boolean covers(ToolPattern other) {
        if (isWildcard()) {
            return true;
        }
        if (other.isWildcard()) {
            return false;
        }
        if (isPrefix()) {
            String prefix = value.substring(0, value.length() - 1);
            String otherStem = other.isPrefix() ? other.value.substring(0, other.value.length() - 1) : other.value;
            return otherStem.startsWith(prefix) && (other.isPrefix() || otherStem.length() > prefix.length());
        }
        return !other.isPrefix() && value.equals(other.value);
    }

    /** True when some tool name could match both patterns (for these shapes: one covers the other). */
    public boolean overlaps(ToolPattern other) {
        return covers(other) || other.covers(this);
    }

    @Override
    public String toString() {
        return value;
    }
}
