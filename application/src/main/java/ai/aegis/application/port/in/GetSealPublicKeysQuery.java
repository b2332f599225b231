package ai.aegis.application.port.in;

/** Asks for the SEAL public keys (served at {@code /.well-known/seal-jwks.json} and over gRPC). */
public record GetSealPublicKeysQuery() {
}
