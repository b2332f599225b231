package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.domain.identity.Identity;
import ai.aegis.proto.v1.OperatorIdentityServiceGrpc;
import ai.aegis.proto.v1.WhoAmIRequest;
import ai.aegis.proto.v1.WhoAmIResponse;
import io.grpc.stub.StreamObserver;

/** {@code aegis.v1.OperatorIdentityService}: lets an operator check what the service makes of its token. */
public final class OperatorIdentityGrpcService extends OperatorIdentityServiceGrpc.OperatorIdentityServiceImplBase {

    @Override
    public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
        AuthenticatedCaller caller = OperatorAuthInterceptor.CALLER.get();
        Identity.Operator operator = (Identity.Operator) caller.identity();
        response.onNext(WhoAmIResponse.newBuilder()
                .setSubject(operator.subject())
                .setIdentityKind("operator")
                .setRole(operator.role().claimValue())
                .setSecurityContext(caller.securityContext().value())
                .setSecurityTokenExpiresAtEpochSeconds(caller.securityToken().token().expiresAt().getEpochSecond())
                .build());
        response.onCompleted();
    }
}
