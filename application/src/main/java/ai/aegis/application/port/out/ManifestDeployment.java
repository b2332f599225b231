package ai.aegis.application.port.out;

import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.CountLimit;
import ai.aegis.domain.registry.Manifest;
import java.time.Instant;
import java.util.Objects;

/**
 * One version to deploy into a tenant's registry and the rules the registry checks atomically with
 * the write: whether the name must be new or must exist ({@link NameRule}), whether the version must
 * be newer than the name's latest, and the cap on distinct names of the manifest's kind
 * ({@code nameLimit}), which only a new name can pass.
 */
public record ManifestDeployment(TenantId tenantId, Manifest manifest, String deployedBy, Instant at, NameRule nameRule,
        boolean requireNewer, CountLimit nameLimit) {

    /** What the registry must already hold under the manifest's name. */
    public enum NameRule {
        /** A first version: the name must not exist yet ({@code create}). */
        MUST_BE_NEW,
        /** A further version: the name must exist ({@code update}). */
        MUST_EXIST,
        /** Either (the authoring loop, or a forced create). */
        EITHER
    }

    public ManifestDeployment {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(nameRule, "nameRule");
        Objects.requireNonNull(nameLimit, "nameLimit");
        if (deployedBy == null || deployedBy.isEmpty()) {
            throw new IllegalArgumentException("a deployment names who deploys");
        }
    }
}
