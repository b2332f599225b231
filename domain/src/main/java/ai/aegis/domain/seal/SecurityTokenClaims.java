package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a SEAL security token will assert, before the signer gives it a token id: subject,
 * identity kind, tenant, security context, optional execution, and its validity window.
 *
 * <p>Invariants: a Zaru user's claims always name a tenant; the context is derived by the caller
 * from verified data (an identity or an execution record), never from a request; the window is
 * non-empty and at most {@link SecurityToken#MAX_LIFETIME}.
 *
 * @param tenantId the owning tenant; {@code null} only for an operator acting outside a tenant
 * @param executionId the execution the token is bound to; {@code null} for a caller's session token
 */
public record SecurityTokenClaims(String subject, IdentityKind identityKind, TenantId tenantId,
        SecurityContextName securityContext, String executionId, Instant issuedAt, Instant expiresAt) {

    public SecurityTokenClaims {
        SecurityToken.validate(subject, identityKind, tenantId, securityContext, executionId, issuedAt, expiresAt);
    }

    /**
     * The session claims of a verified identity: its own tenant (consumers) and the context its
     * tier or role maps to, valid from {@code now} for {@code lifetime}, cut at {@code notAfter}.
     */
    public static SecurityTokenClaims forIdentity(Identity identity, Instant now, Duration lifetime, Instant notAfter) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(lifetime, "lifetime");
        Instant expiry = now.plus(lifetime);
        if (notAfter != null && notAfter.isBefore(expiry)) {
            expiry = notAfter;
        }
        if (!expiry.isAfter(now)) {
            throw new InvalidInputException("seal.lifetime_empty",
                    "a security token cannot be issued for a credential that expires now");
        }
        TenantId tenant = identity instanceof Identity.ZaruUser user ? user.tenantId() : null;
        return new SecurityTokenClaims(identity.subject(), identity.kind(), tenant,
                SecurityContextName.forIdentity(identity), null, now, expiry);
    }

    /** The full token once the signer has chosen its id. */
    public SecurityToken withTokenId(String tokenId) {
        return new SecurityToken(tokenId, subject, identityKind, tenantId, securityContext, executionId, issuedAt,
                expiresAt);
    }
}
