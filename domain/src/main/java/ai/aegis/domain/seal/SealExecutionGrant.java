package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What an execution's SEAL token may say, as read from the execution record and its root's owner
 * — never from the attestation request: the owner's subject and identity kind, the tenant, the
 * execution's effective security context (possibly narrower than a built-in one, by the ceiling
 * rule), and its deadline (no token outlives it).
 *
 * @param tenantId the owning tenant; {@code null} only for an operator's execution outside a tenant
 */
public record SealExecutionGrant(String executionId, String subject, IdentityKind identityKind, TenantId tenantId,
        SecurityContext securityContext, Instant deadline) {

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
        return new SecurityTokenClaims(subject, identityKind, tenantId, securityContext.name(), executionId, now, expiry);
    }

    /**
     * What a SEAL token for {@code execution} may say, read from the execution record alone: its
     * owner, its tenant (operators act in the platform tenant), its effective context and deadline.
     */
    public static SealExecutionGrant forExecution(ai.aegis.domain.execution.Execution execution) {
        return new SealExecutionGrant(execution.id().value(), execution.ownerSubject(),
                ai.aegis.domain.tenancy.TenantScope.kindOf(execution.tenantId()), execution.tenantId(),
                execution.securityContext(), execution.deadline());
    }
}
