package ai.aegis.domain.limits;

/**
 * What a rate limit counts. A BYOK user (bring your own model key) pays for their own model use, so
 * they are exempt from the model limits ({@code LLM_CALL}, {@code LLM_TOKEN}) and from nothing else.
 */
public enum RateLimitedResource {
    AGENT_EXECUTION,
    WORKFLOW_EXECUTION,
    LLM_CALL,
    LLM_TOKEN,
    TOOL_CALL;

    /** True when this resource is rate limited for a user with ({@code byok}) or without their own key. */
    public boolean isLimitedFor(boolean byok) {
        if (!byok) {
            return true;
        }
        return this != LLM_CALL && this != LLM_TOKEN;
    }
}
