package ai.aegis.application.port.in;

import ai.aegis.domain.identity.TenantId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of tenants; {@code next} is where the following page starts, empty on the last page. */
public record TenantAccountPage(List<TenantAccountDetails> tenants, Optional<TenantId> next) {

    public TenantAccountPage {
        tenants = List.copyOf(tenants);
        Objects.requireNonNull(next, "next");
    }
}
