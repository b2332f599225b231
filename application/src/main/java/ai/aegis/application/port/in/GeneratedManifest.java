package ai.aegis.application.port.in;

import ai.aegis.domain.registry.StoredManifest;
import java.util.List;
import java.util.Objects;

/** A manifest the authoring loop drafted, checked and deployed in the caller's own tenant, with its steps in order. */
public record GeneratedManifest(StoredManifest deployed, int attempts, List<String> steps) {

    public GeneratedManifest {
        Objects.requireNonNull(deployed, "deployed");
        steps = List.copyOf(steps);
        if (attempts < 1) {
            throw new IllegalArgumentException("a generated manifest took at least one attempt");
        }
    }
}
