package ai.aegis.domain.registry;

import ai.aegis.domain.identity.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * One deployed version of a manifest in a tenant's registry: the manifest itself, who deployed it
 * (the subject of the identity) and when. Deployed versions never change.
 */
public record StoredManifest(TenantId tenantId, Manifest manifest, String deployedBy, Instant deployedAt) {

    public StoredManifest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(deployedAt, "deployedAt");
        if (deployedBy == null || deployedBy.isEmpty()) {
            throw new IllegalArgumentException("a deployed manifest names who deployed it");
        }
    }

    public ManifestKind kind() {
        return manifest.kind();
    }

    public ManifestName name() {
        return manifest.name();
    }

    public ManifestVersion version() {
        return manifest.version();
    }

    /** What a listing shows of this version. */
    public ManifestSummary summary() {
        return new ManifestSummary(manifest.kind(), manifest.name(), manifest.version(), manifest.description(),
                deployedBy, deployedAt);
    }
}
