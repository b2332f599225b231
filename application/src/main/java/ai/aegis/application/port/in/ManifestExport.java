package ai.aegis.application.port.in;

import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestName;
import ai.aegis.domain.registry.ManifestVersion;
import java.util.List;
import java.util.Objects;

/**
 * An exported manifest: the document (canonical JSON in the manifest format, ready to deploy
 * again), which version it is, and every version the name has, newest first.
 */
public record ManifestExport(ManifestKind kind, ManifestName name, ManifestVersion version, String document,
        List<ManifestVersion> versions) {

    public ManifestExport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(document, "document");
        versions = List.copyOf(versions);
    }
}
