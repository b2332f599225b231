package ai.aegis.application.port.in;

/** Publishes the public keys that verify SEAL tokens, including retired keys still in use. */
public interface GetSealPublicKeysUseCase {

    SealPublicKeys get(GetSealPublicKeysQuery query);
}
