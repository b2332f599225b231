package ai.aegis.application.port.in;

import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/**
 * The plain-English iteration history of an execution; with {@code includeDescendants}, of its
 * whole subtree (children's sentences interleaved by time).
 */
public record ListIterationEventsQuery(Identity identity, ExecutionId executionId, boolean includeDescendants) {

    public ListIterationEventsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(executionId, "executionId");
    }
}
