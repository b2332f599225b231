package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/**
 * An operator deploys a manifest document ({@code aegis.agent.create|update},
 * {@code aegis.workflow.create|update}). Into the platform tenant unless {@code arguments} name a
 * tenant; {@code force} and {@code version} as described in {@link OperatorArguments}.
 */
public record DeployManifestCommand(Identity identity, ManifestKind kind, DeployIntent intent, String document,
        OperatorArguments arguments) {

    public DeployManifestCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(arguments, "arguments");
    }
}
