package ai.aegis.application.port.in;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.Objects;
import java.util.Optional;

/**
 * An administrator changes one user: sets ({@code tierOverride}) or removes ({@code clearTierOverride})
 * the tier that replaces their tokens' tier, the BYOK flag, stores ({@code modelKey}) or removes
 * ({@code clearModelKey}) the model API key they bring (used while BYOK is on), suspension, and/or
 * replaces their limit overrides as a whole ({@link LimitOverrides#none()} clears them). Absent fields
 * stay as they are; at least one change is named.
 */
public record UpdateUserAccountCommand(Identity identity, TenantId tenantId, String subject,
        Optional<ZaruTier> tierOverride, boolean clearTierOverride, Optional<Boolean> byok,
        Optional<Boolean> suspended, Optional<LimitOverrides> limitOverrides, Optional<ModelApiKey> modelKey,
        boolean clearModelKey) {

    public UpdateUserAccountCommand {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tenantId, "tenantId");
        UserAccount.standard(tenantId, subject);
        Objects.requireNonNull(tierOverride, "tierOverride");
        Objects.requireNonNull(byok, "byok");
        Objects.requireNonNull(suspended, "suspended");
        Objects.requireNonNull(limitOverrides, "limitOverrides");
        Objects.requireNonNull(modelKey, "modelKey");
        if (tierOverride.isPresent() && clearTierOverride) {
            throw new InvalidInputException("user.tier_conflict", "set a tier override or remove it, not both");
        }
        if (modelKey.isPresent() && clearModelKey) {
            throw new InvalidInputException("user.model_key_conflict", "store a model key or remove it, not both");
        }
        if (tierOverride.isEmpty() && !clearTierOverride && byok.isEmpty() && suspended.isEmpty()
                && limitOverrides.isEmpty() && modelKey.isEmpty() && !clearModelKey) {
            throw new InvalidInputException("user.no_changes",
                    "name at least one change: tier, byok, model_key, suspended or limits");
        }
    }

    /** A change that leaves the user's model key as it is. */
    public UpdateUserAccountCommand(Identity identity, TenantId tenantId, String subject,
            Optional<ZaruTier> tierOverride, boolean clearTierOverride, Optional<Boolean> byok,
            Optional<Boolean> suspended, Optional<LimitOverrides> limitOverrides) {
        this(identity, tenantId, subject, tierOverride, clearTierOverride, byok, suspended, limitOverrides,
                Optional.empty(), false);
    }
}
