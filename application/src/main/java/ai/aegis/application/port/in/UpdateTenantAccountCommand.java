package ai.aegis.application.port.in;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.limits.LimitOverrides;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrator suspends a tenant or lifts its suspension, and/or replaces its tenant-wide limit
 * overrides as a whole ({@link LimitOverrides#none()} clears them). At least one change is named.
 */
public record UpdateTenantAccountCommand(Identity identity, TenantId tenantId, Optional<Boolean> suspended,
        Optional<LimitOverrides> limitOverrides) {

    public UpdateTenantAccountCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(suspended, "suspended");
        Objects.requireNonNull(limitOverrides, "limitOverrides");
        if (suspended.isEmpty() && limitOverrides.isEmpty()) {
            throw new InvalidInputException("tenant.no_changes", "name at least one change: suspended or limits");
        }
    }
}
