package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an execution's SEAL token may say, as read from the execution record and its root's owner
 * — never from the attestation request: the owner's subject and identity kind, the tenant, the
 * execution's effective security context, and its deadline (no token outlives it).
 *
 * @param tenantId the owning tenant; {@code null} only for an operator's execution outside a tenant
 */
public record SealExecutionGrant(String executionId, String subject, IdentityKind identityKind, TenantId tenantId,
        SecurityContextName securityContext, Instant deadline) {

    public SealExecutionGrant {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(identityKind, "identityKind");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(deadline, "deadline");
    }

    /**
     * The claims of a token for this execution issued at {@code now}: valid for {@code lifetime}
     * but never past the deadline.
     *
     * @throws InvalidInputException code {@code seal.lifetime_empty} once the deadline has passed
     */
    public SecurityTokenClaims claimsAt(Instant now, Duration lifetime) {
        Instant expiry = now.plus(lifetime);
        if (deadline.isBefore(expiry)) {
            expiry = deadline;
        }
        if (!expiry.isAfter(now)) {
            throw new InvalidInputException("seal.lifetime_empty",
                    "the execution's deadline has passed; no SEAL token can be issued for it");
        }
        return new SecurityTokenClaims(subject, identityKind, tenantId, securityContext, executionId, now, expiry);
    }
}
