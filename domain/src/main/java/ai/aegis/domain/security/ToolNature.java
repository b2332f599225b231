package ai.aegis.domain.security;

/** What calling a tool does to the platform: reads, starts or steers work, changes, or destroys. */
public enum ToolNature {
    /** Reads only; no state changes (MCP {@code readOnlyHint}). */
    READ,
    /** Starts, steers or stops executions. */
    EXECUTE,
    /** Creates or changes objects or configuration. */
    MUTATE,
    /** Deletes or removes objects (MCP {@code destructiveHint}). */
    DESTRUCTIVE
}
