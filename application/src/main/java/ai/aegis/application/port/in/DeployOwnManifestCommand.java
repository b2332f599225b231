package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.Manifest;
import java.util.Objects;

/**
 * The authoring loop ({@code aegis.agent.generate}, {@code aegis.workflow.generate}) deploys a
 * manifest it drafted and validated into the caller's own tenant: a new name, or a newer version
 * of an existing one. It takes no operator arguments: the tenant is always the caller's.
 */
public record DeployOwnManifestCommand(Identity identity, Manifest manifest) {

    public DeployOwnManifestCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(manifest, "manifest");
    }
}
