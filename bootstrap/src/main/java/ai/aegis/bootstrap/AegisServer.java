package ai.aegis.bootstrap;

import ai.aegis.adapters.grpc.GrpcServerHost;
import ai.aegis.adapters.mcp.McpHttpServer;
import ai.aegis.adapters.persistence.PostgresPersistence;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running service: database, HTTP (health and MCP) and gRPC, wired by hand. Components start
 * in dependency order and stop in reverse, so PostgreSQL closes last.
 */
final class AegisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AegisServer.class);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Database database;
    private final McpHttpServer http;
    private final GrpcServerHost grpc;

    private AegisServer(ServerSettings settings) {
        try {
            DataDirectory dataDirectory = DataDirectory.prepare(settings.dataDirectory());
            database = Database.forEnvironment(dataDirectory, settings.databaseUrl(), settings.databaseUser(),
                    settings.databasePassword());
            started.push(database);
            PostgresPersistence persistence = Migrations.open(database);
            started.push(persistence);

            HealthServlet health = new HealthServlet(persistence::isReady);
            List<McpHttpServer.ServletMount> servlets = List.of(
                    new McpHttpServer.ServletMount("/healthz", health),
                    new McpHttpServer.ServletMount("/readyz", health));
            http = McpHttpServer.start(settings.host(), settings.httpPort(), List.of(), servlets);
            started.push(http);

            grpc = GrpcServerHost.start(settings.host(), settings.grpcPort(), List.of());
            started.push(grpc);
        } catch (UncheckedIOException e) {
            close();
            throw new StartupException(e.getCause().getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    static AegisServer start(ServerSettings settings) {
        return new AegisServer(settings);
    }

    int httpPort() {
        return http.port();
    }

    int grpcPort() {
        return grpc.port();
    }

    String databaseDescription() {
        return database.description();
    }

    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            AutoCloseable component = started.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.warn("{} did not stop cleanly: {}", component.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
