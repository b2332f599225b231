package ai.aegis.adapters.grpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC endpoint of the service on Netty: the given services behind the given interceptors,
 * plus standard gRPC health checking and server reflection so that operators' tools (grpcurl,
 * grpc-health-probe, load balancers) work without extra set-up.
 */
public final class GrpcServerHost implements AutoCloseable {

    private final Server server;
    private final HealthStatusManager health;
    private volatile java.time.Duration grace = java.time.Duration.ofSeconds(5);

    private GrpcServerHost(Server server, HealthStatusManager health) {
        this.server = server;
        this.health = health;
    }

    /**
     * Binds and starts the server. Port 0 picks a free port; {@link #port()} tells which.
     *
     * @param services the service definitions, each already wrapped in the interceptors it needs
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static GrpcServerHost start(String host, int port, List<ServerServiceDefinition> services) {
        return start(host, port, services, java.util.Optional.empty());
    }

    /**
     * As {@link #start(String, int, List)}, over TLS when {@code tls} is given (with client
     * certificates requested, and verified against its client CA, when it names one).
     */
    public static GrpcServerHost start(String host, int port, List<ServerServiceDefinition> services,
                                       java.util.Optional<GrpcTls> tls) {
        HealthStatusManager health = new HealthStatusManager();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .maxInboundMessageSize(4 * 1024 * 1024)
                .permitKeepAliveTime(30, TimeUnit.SECONDS);
        if (tls.isPresent()) {
            builder.sslContext(tls.get().serverContext());
        }
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        try {
            Server server = builder.build().start();
            health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
            return new GrpcServerHost(server, health);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind gRPC on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return server.getPort();
    }

    /** From now on, {@link #close()} lets in-flight calls finish for up to {@code grace}. */
    public GrpcServerHost shutdownGrace(java.time.Duration grace) {
        this.grace = java.util.Objects.requireNonNull(grace, "grace");
        return this;
    }

    /**
     * Stops accepting calls, marks the server NOT_SERVING for health checkers, lets in-flight
     * calls finish for up to the shutdown grace (five seconds by default), then cancels what is left.
     */
    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(Math.max(0, grace.toMillis()), TimeUnit.MILLISECONDS)) {
                server.shutdownNow().awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
