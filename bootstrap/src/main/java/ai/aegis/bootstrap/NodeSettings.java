package ai.aegis.bootstrap;

import ai.aegis.adapters.grpc.GrpcTls;
import ai.aegis.adapters.grpc.NodeCredentials;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.node.NodeId;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How nodes reach and prove themselves to {@code aegis serve}:
 * <ul>
 *   <li>{@code AEGIS_NODE_TOKEN}: the shared node secret (16+ characters). Unset: a random one is
 *       made for this process, so only the in-process local node (and mutual-TLS nodes) get in;</li>
 *   <li>{@code AEGIS_GRPC_TLS_CERT} + {@code AEGIS_GRPC_TLS_KEY} (PEM): gRPC over TLS; with
 *       {@code AEGIS_GRPC_TLS_CLIENT_CA} a client certificate from that CA authenticates a node;</li>
 *   <li>{@code AEGIS_LOCAL_NODE_ID}: this instance's own local node (default {@code local-<host>-<hash of the data directory>}),
 *       whose leases are released at start (restart reconciliation);</li>
 *   <li>{@code AEGIS_NODE_LEASE_SECONDS}: how long a lease holds without a heartbeat (default 30).</li>
 * </ul>
 * The node token is a secret: {@link #toString()} never shows it.
 */
record NodeSettings(String nodeToken, boolean generatedToken, Optional<GrpcTls> tls, NodeId localNodeId, Duration leaseTtl) {

    /** The settings of an instance whose local state is in {@code dataDirectory} (it names the default local node). */
    static NodeSettings fromEnvironment(Map<String, String> env, Path dataDirectory) {
        String token = blankToNull(env.get("AEGIS_NODE_TOKEN"));
        boolean generated = token == null;
        if (generated) {
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        } else if (token.length() < NodeCredentials.MIN_LENGTH) {
            throw new StartupException("AEGIS_NODE_TOKEN must be at least " + NodeCredentials.MIN_LENGTH
                    + " characters long");
        }
        String cert = blankToNull(env.get("AEGIS_GRPC_TLS_CERT"));
        String key = blankToNull(env.get("AEGIS_GRPC_TLS_KEY"));
        String clientCa = blankToNull(env.get("AEGIS_GRPC_TLS_CLIENT_CA"));
        Optional<GrpcTls> tls = Optional.empty();
        if (cert != null || key != null) {
            if (cert == null || key == null) {
                throw new StartupException("gRPC TLS needs both AEGIS_GRPC_TLS_CERT and AEGIS_GRPC_TLS_KEY");
            }
            tls = Optional.of(new GrpcTls(readable(cert, "AEGIS_GRPC_TLS_CERT"), readable(key, "AEGIS_GRPC_TLS_KEY"),
                    clientCa == null ? Optional.empty() : Optional.of(readable(clientCa, "AEGIS_GRPC_TLS_CLIENT_CA"))));
        } else if (clientCa != null) {
            throw new StartupException("AEGIS_GRPC_TLS_CLIENT_CA needs AEGIS_GRPC_TLS_CERT and AEGIS_GRPC_TLS_KEY too");
        }
        NodeId localNode;
        try {
            localNode = NodeId.of(Optional.ofNullable(blankToNull(env.get("AEGIS_LOCAL_NODE_ID"))).orElse(defaultLocalNodeId(dataDirectory)));
        } catch (InvalidInputException e) {
            throw new StartupException("AEGIS_LOCAL_NODE_ID: " + e.getMessage());
        }
        Duration lease = Duration.ofSeconds(30);
        String seconds = blankToNull(env.get("AEGIS_NODE_LEASE_SECONDS"));
        if (seconds != null) {
            try {
                lease = Duration.ofSeconds(Integer.parseInt(seconds));
            } catch (NumberFormatException e) {
                throw new StartupException("AEGIS_NODE_LEASE_SECONDS must be a whole number of seconds");
            }
            if (lease.getSeconds() < 5 || lease.getSeconds() > 3600) {
                throw new StartupException("AEGIS_NODE_LEASE_SECONDS must be between 5 and 3600");
            }
        }
        return new NodeSettings(token, generated, tls, localNode, lease);
    }

    NodeCredentials credentials() {
        return NodeCredentials.of(Optional.of(nodeToken));
    }

    /**
     * {@code local-<host>-<8 hex digits of the data directory's path>}: the same across restarts of
     * one installation (so its restart reconciliation finds its own leases), different for two
     * instances on one host, which would otherwise release each other's work at start.
     */
    private static String defaultLocalNodeId(Path dataDirectory) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        String cleaned = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        String prefix = "local-" + (cleaned.length() > 48 ? cleaned.substring(0, 48) : cleaned);
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    dataDirectory.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return prefix + "-" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Path readable(String file, String variable) {
        Path path = Path.of(file);
        if (!Files.isReadable(path)) {
            throw new StartupException(variable + " names " + file + ", which cannot be read");
        }
        return path;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "NodeSettings[token=" + (generatedToken ? "generated" : "configured") + ", tls=" + tls.isPresent()
                + ", localNodeId=" + localNodeId + ", leaseTtl=" + leaseTtl + "]";
    }
}
