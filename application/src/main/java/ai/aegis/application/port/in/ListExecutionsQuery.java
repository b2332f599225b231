package ai.aegis.application.port.in;

import ai.aegis.application.port.out.ExecutionListFilter;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * A listing of executions, newest first, at most {@code limit} (1 to {@value #MAX_LIMIT}).
 * {@code tenant} may be named by operators only (empty: every tenant); a consumer always lists
 * their own executions in their own tenant.
 */
public record ListExecutionsQuery(Identity identity, ExecutionListFilter filter, int limit, Optional<TenantId> tenant) {

    public static final int MAX_LIMIT = 500;

    public ListExecutionsQuery {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(tenant, "tenant");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("execution.limit_invalid", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The caller's own executions matching {@code filter}. */
    public static ListExecutionsQuery own(Identity identity, ExecutionListFilter filter, int limit) {
        return new ListExecutionsQuery(identity, filter, limit, Optional.empty());
    }
}
