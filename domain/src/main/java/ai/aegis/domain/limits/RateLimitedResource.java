package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;

/**
 * What a rate limit counts. A BYOK user (bring your own model key) pays for their own model use, so
 * they are exempt from the model limits ({@code LLM_CALL}, {@code LLM_TOKEN}) and from nothing else.
 * {@code TOOL_CALL} limits are set per tool pattern ({@link RateLimitKey#toolPattern()}); the others
 * count the resource as a whole. {@code LLM_TOKEN} counts tokens, every other resource counts calls.
 */
public enum RateLimitedResource {
    AGENT_EXECUTION("agent executions"),
    WORKFLOW_EXECUTION("workflow executions"),
    LLM_CALL("model calls"),
    LLM_TOKEN("model tokens"),
    TOOL_CALL("tool calls");

    private final String plural;

    RateLimitedResource(String plural) {
        this.plural = plural;
    }

    /** True when this resource is rate limited for a user with ({@code byok}) or without their own key. */
    public boolean isLimitedFor(boolean byok) {
        if (!byok) {
            return true;
        }
        return this != LLM_CALL && this != LLM_TOKEN;
    }

    /** Lower-case name for codes and storage: {@code agent_execution}, {@code tool_call}, … */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What is counted, for messages a person reads: "agent executions", "model tokens". */
    public String plural() {
        return plural;
    }

    /** Parses {@link #slug()} (case-insensitive). */
    public static RateLimitedResource parse(String value) {
        if (value != null) {
            for (RateLimitedResource resource : values()) {
                if (resource.slug().equalsIgnoreCase(value.trim())) {
                    return resource;
                }
            }
        }
        throw new InvalidInputException("limits.invalid_resource", "a rate-limited resource is one of agent_execution, "
                + "workflow_execution, llm_call, llm_token or tool_call, not " + value);
    }
}
