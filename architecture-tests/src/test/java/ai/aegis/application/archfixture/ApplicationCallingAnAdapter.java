package ai.aegis.application.archfixture;

import ai.aegis.adapters.grpc.archfixture.GrpcThing;

/** Deliberately breaks the ring rules so that RulesBiteTest can prove they fail. */
public final class ApplicationCallingAnAdapter {

    public String call(GrpcThing thing) {
        return thing.toString();
    }
}
