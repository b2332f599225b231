package ai.aegis.domain.security;

/**
 * A dimension of the ceiling rule: a child execution may never be broader than its parent in any of
 * them. The first five concern the security context, the last three the execution's budget.
 */
public enum CeilingDimension {
    TOOLS("tools"),
    PATHS("paths"),
    COMMANDS("commands"),
    DOMAINS("domains"),
    RESPONSE_SIZE("response_size"),
    DEADLINE("deadline"),
    MEMORY("memory"),
    ITERATIONS("iterations");

    private final String key;

    CeilingDimension(String key) {
        this.key = key;
    }

    /** The dimension as named in refusals: {@code tools}, {@code paths}, ... */
    public String key() {
        return key;
    }

    /** The error code of a refusal on this dimension: {@code ceiling.tools}, {@code ceiling.deadline}, ... */
    public String code() {
        return "ceiling." + key;
    }
}
