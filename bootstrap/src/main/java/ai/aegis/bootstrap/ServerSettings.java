package ai.aegis.bootstrap;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything {@code aegis serve} needs to start, already validated: where to listen, where local
 * state lives, and which PostgreSQL to use ({@code databaseUrl == null} means the embedded one).
 */
record ServerSettings(String host, int httpPort, int grpcPort, Path dataDirectory,
                      String databaseUrl, String databaseUser, String databasePassword) {

    ServerSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        requirePort("--http-port", httpPort);
        requirePort("--grpc-port", grpcPort);
        if (httpPort != 0 && httpPort == grpcPort) {
            throw new StartupException("--http-port and --grpc-port must differ (both are " + httpPort + ")");
        }
        if (databaseUrl != null && databaseUrl.isBlank()) {
            databaseUrl = null;
        }
    }

    private static void requirePort(String flag, int port) {
        if (port < 0 || port > 65_535) {
            throw new StartupException(flag + " must be between 0 and 65535 (0 picks a free port), not " + port);
        }
    }

    @Override
    public String toString() {
        return "ServerSettings[host=" + host + ", httpPort=" + httpPort + ", grpcPort=" + grpcPort
                + ", dataDirectory=" + dataDirectory + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + "]";
    }
}
