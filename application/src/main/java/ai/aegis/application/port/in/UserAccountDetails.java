package ai.aegis.application.port.in;

import ai.aegis.domain.limits.LimitOverrides;
import ai.aegis.domain.limits.ResourceLimits;
import ai.aegis.domain.tenancy.UserAccount;
import java.util.Objects;
import java.util.Optional;

/**
 * One user as an operator sees them: what is configured ({@code account}), the user's own limit
 * overrides, whether their whole tenant is suspended, and the limits that apply to them when a tier
 * is known (the tier override, else the tenant's recorded plan): tier, then tenant overrides, then
 * the user's. The model key they bring is shown only as {@code modelKeyFingerprint}: a short hash
 * that tells keys apart ({@link ai.aegis.application.port.out.ModelApiKey#fingerprint()}), or
 * {@link #UNREADABLE_KEY} for a key that no longer decrypts; never the key.
 */
public record UserAccountDetails(UserAccount account, LimitOverrides limitOverrides, boolean tenantSuspended,
        Optional<ResourceLimits> effectiveLimits, Optional<String> modelKeyFingerprint) {

    /** The fingerprint shown for a stored key that cannot be decrypted any more. */
    public static final String UNREADABLE_KEY = "unreadable";

    public UserAccountDetails {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(limitOverrides, "limitOverrides");
        Objects.requireNonNull(effectiveLimits, "effectiveLimits");
        Objects.requireNonNull(modelKeyFingerprint, "modelKeyFingerprint");
    }

    /** A user without a model key of their own. */
    public UserAccountDetails(UserAccount account, LimitOverrides limitOverrides, boolean tenantSuspended,
            Optional<ResourceLimits> effectiveLimits) {
        this(account, limitOverrides, tenantSuspended, effectiveLimits, Optional.empty());
    }

    /** True when calls of this user are refused: the user or the whole tenant is suspended. */
    public boolean refused() {
        return account.suspended() || tenantSuspended;
    }
}
