package ai.aegis.domain.tenancy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import java.util.Objects;
import java.util.Optional;

/**
 * What an administrator set for one user of a tenant ({@code subject} is the user's verified
 * {@code sub}): a tier that replaces the tier in the user's tokens, whether the user brings their own
 * model keys (BYOK users are exempt from the model-call and model-token limits only), and whether the
 * user is suspended. A user nobody configured is {@link #standard}: no override, not BYOK, not
 * suspended.
 *
 * <p>Invariants: the subject is 1 to 255 characters without whitespace or control characters; users
 * of the operator tenant {@link TenantScope#SYSTEM} have roles, not tiers, so they carry no tier
 * override.
 */
public record UserAccount(TenantId tenantId, String subject, Optional<ZaruTier> tierOverride, boolean byok,
                          boolean suspended) {

    public UserAccount {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tierOverride, "tierOverride");
        requireSubject(subject);
        if (tierOverride.isPresent() && TenantScope.SYSTEM.equals(tenantId)) {
            throw new InvalidInputException("user.system_has_no_tier",
                    "operators have roles, not tiers; a tier override cannot be set in " + TenantScope.SYSTEM);
        }
    }

    /** A user with nothing configured. */
    public static UserAccount standard(TenantId tenantId, String subject) {
        return new UserAccount(tenantId, subject, Optional.empty(), false, false);
    }

    /** This user with {@code tier} replacing the tier of their tokens; empty removes the override. */
    public UserAccount withTierOverride(Optional<ZaruTier> tier) {
        return new UserAccount(tenantId, subject, tier, byok, suspended);
    }

    public UserAccount withByok(boolean value) {
        return new UserAccount(tenantId, subject, tierOverride, value, suspended);
    }

    public UserAccount withSuspended(boolean value) {
        return new UserAccount(tenantId, subject, tierOverride, byok, value);
    }

    /** The tier that counts for this user: the override when set, else the one their token carries. */
    public ZaruTier effectiveTier(ZaruTier fromToken) {
        return tierOverride.orElse(Objects.requireNonNull(fromToken, "fromToken"));
    }

    private static void requireSubject(String subject) {
        if (subject == null || subject.isEmpty()) {
            throw new InvalidInputException("user.invalid_subject", "a user account names the user's subject");
        }
        if (subject.length() > 255) {
            throw new InvalidInputException("user.invalid_subject", "a user's subject is at most 255 characters");
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new InvalidInputException("user.invalid_subject",
                        "a user's subject contains whitespace or a control character");
            }
        }
    }
}
