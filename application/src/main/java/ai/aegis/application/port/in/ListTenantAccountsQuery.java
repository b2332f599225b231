package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import java.util.Optional;

/** An operator lists tenants with a recorded plan: at most {@code limit} (1 to {@value #MAX_LIMIT}) after {@code after}. */
public record ListTenantAccountsQuery(Identity identity, Optional<TenantId> after, int limit) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;

    public ListTenantAccountsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("page.limit_invalid", "a page holds 1 to " + MAX_LIMIT + " tenants");
        }
    }
}
