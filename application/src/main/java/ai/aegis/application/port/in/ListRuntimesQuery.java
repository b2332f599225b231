package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Which runtimes the caller's work could run on right now. */
public record ListRuntimesQuery(Identity identity) {

    public ListRuntimesQuery {
        Objects.requireNonNull(identity, "identity");
    }
}
