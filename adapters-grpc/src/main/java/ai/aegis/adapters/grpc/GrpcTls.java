package ai.aegis.adapters.grpc;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * TLS for the gRPC endpoint, from PEM files ({@code AEGIS_GRPC_TLS_CERT}, {@code AEGIS_GRPC_TLS_KEY},
 * optionally {@code AEGIS_GRPC_TLS_CLIENT_CA}). With a client CA, clients may present a certificate
 * (mutual TLS); one that the CA verified authenticates a node without the node token. Clients
 * without a certificate can still connect and use the token.
 */
public record GrpcTls(Path certificateChain, Path privateKey, Optional<Path> clientCa) {

    public GrpcTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
    }

    SslContext serverContext() {
        try {
            SslContextBuilder builder = GrpcSslContexts.configure(
                    SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()));
            if (clientCa.isPresent()) {
                builder.trustManager(clientCa.get().toFile()).clientAuth(ClientAuth.OPTIONAL);
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new UncheckedIOException("cannot use the gRPC TLS certificate or key: " + e.getMessage(),
                    new java.io.IOException(e.getMessage(), e));
        }
    }
}
