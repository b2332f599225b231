package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.node.NodeId;
import java.util.Objects;

/** A node asks for up to {@code max} executions (1 to 100); it never gets more than its free capacity. */
public record ClaimWorkCommand(NodeId nodeId, int max) {

    public static final int MAX_PER_CLAIM = 100;

    public ClaimWorkCommand {
        Objects.requireNonNull(nodeId, "nodeId");
        if (max < 1 || max > MAX_PER_CLAIM) {
            throw new InvalidInputException("node.claim_size_invalid",
                    "a node claims between 1 and " + MAX_PER_CLAIM + " executions at a time");
        }
    }
}
