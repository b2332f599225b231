package ai.aegis.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code aegis serve} needs to start, already validated: where to listen, where local
 * state lives, which PostgreSQL to use ({@code databaseUrl == null} means the embedded one), the
 * public base URL clients reach (null: derived from each request), the browser origins allowed
 * to call MCP, and whether this instance runs its own local node.
 */
record ServerSettings(String host, int httpPort, int grpcPort, Path dataDirectory,
                      String databaseUrl, String databaseUser, String databasePassword,
                      String publicUrl, List<String> allowedOrigins, boolean localNode) {

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
        if (publicUrl != null && publicUrl.isBlank()) {
            publicUrl = null;
        }
        if (publicUrl != null) {
            if (!publicUrl.startsWith("https://") && !publicUrl.startsWith("http://")) {
                throw new StartupException("AEGIS_PUBLIC_URL must start with https:// or http://");
            }
            publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * Settings for a local run without a local node (work waits for a node to connect): embedded
     * database, no public URL, no browser origins.
     */
    static ServerSettings local(String host, int httpPort, int grpcPort, Path dataDirectory) {
        return new ServerSettings(host, httpPort, grpcPort, dataDirectory, null, null, null, null, List.of(), false);
    }

    /** The same settings, running this instance's local node or not. */
    ServerSettings withLocalNode(boolean run) {
        return new ServerSettings(host, httpPort, grpcPort, dataDirectory, databaseUrl, databaseUser, databasePassword,
                publicUrl, allowedOrigins, run);
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
                + ", publicUrl=" + publicUrl + ", allowedOrigins=" + allowedOrigins + ", localNode=" + localNode + "]";
    }
}
