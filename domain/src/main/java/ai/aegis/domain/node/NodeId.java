package ai.aegis.domain.node;

import ai.aegis.domain.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The name a node registers under: 1 to 64 letters, digits, dots, underscores or hyphens, chosen by
 * the node's operator (a host name, for example) and stable across the node's restarts so that a
 * restarted node finds its own leases.
 */
public record NodeId(String value) {

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public NodeId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("node.id_invalid",
                    "a node id is 1 to 64 letters, digits, dots, underscores or hyphens, starting with a letter or digit");
        }
    }

    public static NodeId of(String value) {
        return new NodeId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
