package ai.aegis.adapters.mcp.archfixture;

import ai.aegis.adapters.grpc.archfixture.GrpcThing;

/** Deliberately makes one adapter depend on another so that RulesBiteTest can prove the rule fails. */
public final class McpCallingGrpc {

    public GrpcThing thing() {
        return new GrpcThing();
    }
}
