package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/** Which manifest JSON Schema to serve ({@code aegis.schema.get}). */
public record GetManifestSchemaQuery(ManifestKind kind) {

    public GetManifestSchemaQuery {
        Objects.requireNonNull(kind, "kind");
    }
}
