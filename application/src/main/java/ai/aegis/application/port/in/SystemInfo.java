package ai.aegis.application.port.in;

import ai.aegis.domain.node.Node;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an operator sees of the running service: its version, when this instance started, the time
 * now, and every node registered with the shared store (live or not: {@code lastHeartbeat} tells).
 */
public record SystemInfo(String version, Instant startedAt, Instant now, List<Node> nodes) {

    public SystemInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(now, "now");
        nodes = List.copyOf(nodes);
    }
}
