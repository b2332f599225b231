package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.security.ToolPattern;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * Which rate limit: a resource, for tool calls the tool pattern it covers, and a window length.
 * Invariant: a tool pattern is present exactly when the resource is {@code TOOL_CALL}. A tool-call
 * limit on {@code fs.*} counts every call whose dotted name it matches ({@code fs.read},
 * {@code fs.write}) in one shared count; a call matching several patterns counts against each.
 */
public record RateLimitKey(RateLimitedResource resource, Optional<ToolPattern> toolPattern, RateWindow window)
        implements Comparable<RateLimitKey> {

    private static final Comparator<RateLimitKey> ORDER = Comparator.comparing(RateLimitKey::resource)
            .thenComparing(key -> key.toolPattern().map(ToolPattern::value).orElse(""))
            .thenComparing(RateLimitKey::window);

    public RateLimitKey {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(toolPattern, "toolPattern");
        Objects.requireNonNull(window, "window");
        if (toolPattern.isPresent() != (resource == RateLimitedResource.TOOL_CALL)) {
            throw new InvalidInputException("limits.tool_pattern", resource == RateLimitedResource.TOOL_CALL
                    ? "a tool-call rate limit names the tool pattern it covers, such as fs.* or aegis.task.execute"
                    : "only tool-call rate limits take a tool pattern; " + resource.slug() + " does not");
        }
    }

    /** A limit on a resource that is counted as a whole (every resource but tool calls). */
    public static RateLimitKey of(RateLimitedResource resource, RateWindow window) {
        return new RateLimitKey(resource, Optional.empty(), window);
    }

    /** A limit on the tool calls matching {@code pattern}. */
    public static RateLimitKey toolCalls(ToolPattern pattern, RateWindow window) {
        return new RateLimitKey(RateLimitedResource.TOOL_CALL, Optional.of(pattern), window);
    }

    /** True when a use of {@code resource} (for tool calls: of the tool named {@code toolName}) counts here. */
    public boolean appliesTo(RateLimitedResource used, Optional<String> toolName) {
        if (used != resource) {
            return false;
        }
        return toolPattern.isEmpty() || toolName.filter(name -> toolPattern.get().matches(name)).isPresent();
    }

    /**
     * A stable name of this limit's count, for storage: {@code agent_execution.minute},
     * {@code tool_call[fs.*].day}. Distinct keys have distinct names.
     */
    public String counterName() {
        return resource.slug() + toolPattern.map(pattern -> "[" + pattern.value() + "]").orElse("") + "." + window.slug();
    }

    /** How a person reads it: "agent executions per day", "tool calls matching fs.* per minute". */
    public String describe() {
        return resource.plural() + toolPattern.map(pattern -> " matching " + pattern.value()).orElse("") + " per "
                + window.slug();
    }

    @Override
    public int compareTo(RateLimitKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return counterName();
    }
}
