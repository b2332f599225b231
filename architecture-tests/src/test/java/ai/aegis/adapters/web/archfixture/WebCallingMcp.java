package ai.aegis.adapters.web.archfixture;

import ai.aegis.adapters.mcp.archfixture.McpCallingGrpc;

/** Deliberately makes the web adapter depend on another adapter so that WebAdapterCoveredTest can prove the rule covers it. */
public final class WebCallingMcp {

    public McpCallingGrpc other() {
        return new McpCallingGrpc();
    }
}
