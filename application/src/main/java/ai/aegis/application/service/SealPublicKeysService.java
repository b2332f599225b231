package ai.aegis.application.service;

import ai.aegis.application.port.in.GetSealPublicKeysQuery;
import ai.aegis.application.port.in.GetSealPublicKeysUseCase;
import ai.aegis.application.port.in.SealPublicKeys;
import ai.aegis.application.port.out.SealKeySetPort;
import java.util.Objects;

/** Serves the SEAL public key set to the HTTP and gRPC adapters. */
public final class SealPublicKeysService implements GetSealPublicKeysUseCase {

    private final SealKeySetPort keys;

    public SealPublicKeysService(SealKeySetPort keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public SealPublicKeys get(GetSealPublicKeysQuery query) {
        return new SealPublicKeys(keys.publicJwksJson());
    }
}
