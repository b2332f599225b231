package ai.aegis.application.port.in;

import ai.aegis.application.port.out.UserAccountKey;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * An operator lists configured users, of one tenant or of all, a page of at most {@code limit}
 * (1 to {@value #MAX_LIMIT}) starting after {@code after} (the previous page's {@code next}).
 */
public record ListUserAccountsQuery(Identity identity, Optional<TenantId> tenantId, Optional<UserAccountKey> after,
        int limit) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 100;

    public ListUserAccountsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("page.limit_invalid", "a page holds 1 to " + MAX_LIMIT + " accounts");
        }
        if (tenantId.isPresent() && after.isPresent() && !after.get().tenantId().equals(tenantId.get())) {
            throw new InvalidInputException("page.cursor_invalid", "the page cursor belongs to another tenant's listing");
        }
    }
}
