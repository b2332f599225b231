package ai.aegis.adapters.model.archfixture;

import ai.aegis.adapters.mcp.archfixture.McpCallingGrpc;

/** Deliberately makes the model adapter depend on another adapter so that RulesBiteTest can prove the rule covers it. */
public final class ModelCallingMcp {

    public McpCallingGrpc other() {
        return new McpCallingGrpc();
    }
}
