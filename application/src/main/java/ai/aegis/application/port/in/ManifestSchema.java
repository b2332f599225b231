package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/** The JSON Schema (draft 2020-12) of one manifest kind: its {@code $id} and its text. */
public record ManifestSchema(ManifestKind kind, String id, String json) {

    public ManifestSchema {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
    }
}
