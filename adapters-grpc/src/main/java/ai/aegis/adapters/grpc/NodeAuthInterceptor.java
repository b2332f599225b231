package ai.aegis.adapters.grpc;

import ai.aegis.domain.error.UnauthenticatedException;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import java.util.Objects;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Admits node calls: the {@code aegis-node-token} metadata equals the configured node secret
 * (constant-time), or the connection is mutual TLS with a client certificate the configured client
 * CA verified. Anything else is UNAUTHENTICATED; the presented token is never logged or echoed.
 */
public final class NodeAuthInterceptor implements ServerInterceptor {

    /** Metadata carrying the node secret. */
    public static final Metadata.Key<String> NODE_TOKEN = Metadata.Key.of("aegis-node-token", Metadata.ASCII_STRING_MARSHALLER);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(NodeAuthInterceptor.class);

    private final NodeCredentials credentials;

    public NodeAuthInterceptor(NodeCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (hasVerifiedClientCertificate(call) || credentials.matches(headers.get(NODE_TOKEN))) {
            return next.startCall(call, headers);
        }
        String code = headers.containsKey(NODE_TOKEN) ? "node.credential_invalid" : "node.credential_missing";
        LOG.info("refused {}: {}", call.getMethodDescriptor().getFullMethodName(), code);
        StatusRuntimeException status = GrpcErrors.toStatus(new UnauthenticatedException(code,
                "node calls need the node credential: 'aegis-node-token' metadata with the configured secret, "
                        + "or a client certificate signed by the configured client CA"));
        call.close(status.getStatus(), status.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }

    private static boolean hasVerifiedClientCertificate(ServerCall<?, ?> call) {
        SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (session == null) {
            return false;
        }
        try {
            // The TLS handshake verified the chain against the client CA; present means verified.
            return session.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }
}
