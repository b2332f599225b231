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

    /**
     * The node-facing services behind the node credential ({@link NodeAuthInterceptor}; execution
     * calls also hand their SEAL token to the service through {@link SealTokenInterceptor}) and the
     * operator administration behind {@link OperatorAuthInterceptor}.
     */
    public static List<ServerServiceDefinition> nodesAndExecutions(NodeCredentials nodeCredentials,
                                                                   AuthenticateCallerUseCase authenticate,
                                                                   RecordRefusalUseCase refusals,
                                                                   NodeGrpcService nodes,
                                                                   ExecutionGrpcService executions,
                                                                   SealGrpcService seal,
                                                                   OperatorAdminGrpcService admin) {
        NodeAuthInterceptor nodeAuth = new NodeAuthInterceptor(nodeCredentials);
        // The last interceptor given runs first: the node credential is checked before anything else.
        return List.of(
                ServerInterceptors.intercept(nodes, nodeAuth),
                ServerInterceptors.intercept(executions, new SealTokenInterceptor(), nodeAuth),
                ServerInterceptors.intercept(seal, nodeAuth),
                ServerInterceptors.intercept(admin, new OperatorAuthInterceptor(authenticate, refusals)));
    }

    /**
     * Operator account administration ({@link OperatorAccountGrpcService}) behind
     * {@link OperatorAuthInterceptor}, like the execution administration.
     */
    public static ServerServiceDefinition operatorAccounts(AuthenticateCallerUseCase authenticate,
                                                           RecordRefusalUseCase refusals,
                                                           OperatorAccountGrpcService accounts) {
        return ServerInterceptors.intercept(accounts, new OperatorAuthInterceptor(authenticate, refusals));
    }
}
