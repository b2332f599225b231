package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import java.util.Objects;

/**
 * Read one manifest: the latest version of {@code name} (the text as passed), or for operators the
 * version in {@code arguments}, in the caller's tenant or an operator-named one.
 */
public record GetManifestQuery(Identity identity, ManifestKind kind, String name, OperatorArguments arguments) {

    public GetManifestQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(arguments, "arguments");
    }
}
