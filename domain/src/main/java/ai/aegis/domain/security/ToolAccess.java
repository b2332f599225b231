package ai.aegis.domain.security;

/** Which built-in security contexts include a tool (see {@link BuiltInContexts}). */
public enum ToolAccess {
    /** Every consumer tier (zaru-free to zaru-enterprise) and the operator context. */
    ALL_CONSUMER_TIERS,
    /** Paid consumer tiers (zaru-pro, zaru-business, zaru-enterprise) and the operator context; not Free. */
    PAID_CONSUMER_TIERS,
    /** Only the operator context ({@code aegis-system-operator}); never a consumer tier. */
    OPERATOR_ONLY,
    /** Only the agent-runtime context; never shown to a person over MCP. */
    AGENT_RUNTIME_ONLY
}
