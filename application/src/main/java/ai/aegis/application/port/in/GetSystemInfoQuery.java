package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** An operator asks what this service is and how it runs. */
public record GetSystemInfoQuery(Identity identity) {

    public GetSystemInfoQuery {
        Objects.requireNonNull(identity, "identity");
    }
}
