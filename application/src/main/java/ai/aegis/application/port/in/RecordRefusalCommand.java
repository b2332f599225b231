package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Who was refused what, and the stable reason code (dotted lower_snake_case). */
public record RecordRefusalCommand(Identity identity, String action, String reasonCode) {

    public RecordRefusalCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reasonCode, "reasonCode");
    }
}
