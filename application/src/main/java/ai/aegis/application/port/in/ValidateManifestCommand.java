package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/** Check a manifest document of {@code kind} without deploying it ({@code aegis.schema.validate}). */
public record ValidateManifestCommand(ManifestKind kind, String document) {

    public ValidateManifestCommand {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(document, "document");
    }
}
