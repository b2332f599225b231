package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.registry.ManifestKind;
import ai.aegis.domain.registry.ManifestPageRequest;
import java.util.Objects;

/** List the names of a kind in the caller's tenant (or, for operators, a named tenant), one page at a time. */
public record ListManifestsQuery(Identity identity, ManifestKind kind, ManifestPageRequest page,
        OperatorArguments arguments) {

    public ListManifestsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(arguments, "arguments");
    }
}
