package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.GetSealPublicKeysQuery;
import ai.aegis.application.port.in.GetSealPublicKeysUseCase;
import ai.aegis.proto.v1.GetSealPublicKeysRequest;
import ai.aegis.proto.v1.GetSealPublicKeysResponse;
import ai.aegis.proto.v1.SealKeyServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.Objects;

/** {@code aegis.v1.SealKeyService}: the SEAL public keys for nodes that verify tokens themselves. */
public final class SealKeyGrpcService extends SealKeyServiceGrpc.SealKeyServiceImplBase {

    private final GetSealPublicKeysUseCase publicKeys;

    public SealKeyGrpcService(GetSealPublicKeysUseCase publicKeys) {
        this.publicKeys = Objects.requireNonNull(publicKeys, "publicKeys");
    }

    @Override
    public void getPublicKeys(GetSealPublicKeysRequest request, StreamObserver<GetSealPublicKeysResponse> response) {
        response.onNext(GetSealPublicKeysResponse.newBuilder()
                .setJwksJson(publicKeys.get(new GetSealPublicKeysQuery()).jwksJson())
                .build());
        response.onCompleted();
    }
}
