package ai.aegis.domain.registry;

import java.time.Instant;
import java.util.Objects;

/** A line of a registry listing: a name with its latest version, that version's description, and who deployed it when. */
public record ManifestSummary(ManifestKind kind, ManifestName name, ManifestVersion latestVersion, String description,
        String deployedBy, Instant deployedAt) {

    public ManifestSummary {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latestVersion, "latestVersion");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(deployedBy, "deployedBy");
        Objects.requireNonNull(deployedAt, "deployedAt");
    }
}
