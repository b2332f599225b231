package ai.aegis.adapters.grpc.archfixture;

/** A stand-in adapter class for RulesBiteTest. */
public final class GrpcThing {
}
