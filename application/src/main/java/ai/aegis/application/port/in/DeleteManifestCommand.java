package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/**
 * An operator deletes a name with all its versions ({@code aegis.agent.delete},
 * {@code aegis.workflow.delete}), or one version when {@code arguments} carry {@code version}.
 * {@code name} is the text as passed; it is checked by the use case so a bad name is an audited refusal.
 */
public record DeleteManifestCommand(Identity identity, ManifestKind kind, String name, OperatorArguments arguments) {

    public DeleteManifestCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
