package ai.aegis.bootstrap;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@code aegis serve} needs to start, already validated: where to listen, where local
 * state lives, which PostgreSQL to use ({@code databaseUrl == null} means the embedded one), the
 * public base URL clients reach (null: derived from each request) and the browser origins allowed
 * to call MCP.
 */
record ServerSettings(String host, int httpPort, int grpcPort, Path dataDirectory,
                      String databaseUrl, String databaseUser, String databasePassword,
                      String publicUrl, List<String> allowedOrigins) {

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

    /** Settings for a local run: embedded database, no public URL, no browser origins. */
    static ServerSettings local(String host, int httpPort, int grpcPort, Path dataDirectory) {
        return new ServerSettings(host, httpPort, grpcPort, dataDirectory, null, null, null, null, List.of());
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
                + ", publicUrl=" + publicUrl + ", allowedOrigins=" + allowedOrigins + "]";
    }
}
