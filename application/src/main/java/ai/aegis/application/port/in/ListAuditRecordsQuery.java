package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import java.util.Objects;

/** Which caller asks, and for how many of the newest records (1 to 500). */
public record ListAuditRecordsQuery(Identity identity, int limit) {

    public static final int MAX_LIMIT = 500;

    public ListAuditRecordsQuery {
        Objects.requireNonNull(identity, "identity");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("audit.limit_invalid", "limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
