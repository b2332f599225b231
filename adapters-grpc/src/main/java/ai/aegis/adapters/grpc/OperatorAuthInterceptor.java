package ai.aegis.adapters.grpc;

import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.RecordRefusalCommand;
import ai.aegis.application.port.in.RecordRefusalUseCase;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Objects;

/**
 * The gRPC twin of the ZaruAuthMiddleware for operator calls: the {@code authorization} metadata
 * must carry {@code Bearer <jwt>} from the {@code aegis-system} realm. The verified caller is put in
 * the call's {@link Context} under {@link #CALLER}; a consumer token is refused with
 * PERMISSION_DENIED, a missing or invalid one with UNAUTHENTICATED. The token never reaches a
 * status description or a log line.
 */
public final class OperatorAuthInterceptor implements ServerInterceptor {

    /** The verified operator of the current call. */
    public static final Context.Key<AuthenticatedCaller> CALLER = Context.key("aegis-operator-caller");

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OperatorAuthInterceptor.class);

    private final AuthenticateCallerUseCase authenticate;
    private final RecordRefusalUseCase refusals;

    public OperatorAuthInterceptor(AuthenticateCallerUseCase authenticate, RecordRefusalUseCase refusals) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        AuthenticatedCaller caller;
        try {
            caller = authenticateOperator(headers.get(AUTHORIZATION));
        } catch (DomainException refusal) {
            // The reason code only: never the token, the claims or the message built from them.
            LOG.info("refused {}: {}", call.getMethodDescriptor().getFullMethodName(), refusal.code());
            StatusRuntimeException status = GrpcErrors.toStatus(refusal);
            call.close(status.getStatus(), status.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
    }

    private AuthenticatedCaller authenticateOperator(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new UnauthenticatedException("token.missing",
                    "operator calls need 'authorization: Bearer <token>' metadata");
        }
        AuthenticatedCaller caller = authenticate.authenticate(
                AuthenticateCallerCommand.of(MyzaruJWT.of(authorization.substring(7).trim())));
        if (!(caller.identity() instanceof Identity.Operator)) {
            refusals.record(new RecordRefusalCommand(caller.identity(), "grpc.operator_call", "identity.not_operator"));
            throw new AccessDeniedException("identity.not_operator",
                    "this call is for operators of the aegis-system realm; a Zaru consumer token cannot make it");
        }
        return caller;
    }
}
