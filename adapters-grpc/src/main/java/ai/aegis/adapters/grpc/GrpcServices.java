package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.GetSealPublicKeysUseCase;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.List;

/**
 * Every {@code aegis.v1} service with the authentication it needs, in one place a reader can
 * check: public key material is open; operator calls go through {@link OperatorAuthInterceptor}.
 */
public final class GrpcServices {

    private GrpcServices() {
    }

    public static List<ServerServiceDefinition> all(AuthenticateCallerUseCase authenticate,
                                                    RecordRefusalUseCase refusals,
                                                    GetSealPublicKeysUseCase sealPublicKeys) {
        OperatorAuthInterceptor operatorAuth = new OperatorAuthInterceptor(authenticate, refusals);
        return List.of(
                ServerInterceptors.intercept(new OperatorIdentityGrpcService(), operatorAuth),
                new SealKeyGrpcService(sealPublicKeys).bindService());
    }
}
