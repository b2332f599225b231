package ai.aegis.adapters.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Carries the {@code aegis-seal-token} metadata of execution-scoped calls into the call's
 * {@link Context}; the service checks it against the execution the request names.
 */
public final class SealTokenInterceptor implements ServerInterceptor {

    /** Metadata carrying the execution's SEAL token. */
    public static final Metadata.Key<String> SEAL_TOKEN = Metadata.Key.of("aegis-seal-token", Metadata.ASCII_STRING_MARSHALLER);

    static final Context.Key<String> TOKEN = Context.key("aegis-seal-token");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return Contexts.interceptCall(Context.current().withValue(TOKEN, headers.get(SEAL_TOKEN)), call, headers, next);
    }
}
