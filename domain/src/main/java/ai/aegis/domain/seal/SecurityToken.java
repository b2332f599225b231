package ai.aegis.domain.seal;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A SEAL security token: the service's short-lived, signed statement that a subject of a given
 * identity kind acts, for one tenant, under one security context, optionally for one execution.
 * The token id ({@code jti}) names it for revocation and replay bookkeeping.
 *
 * <p>Invariants: a Zaru user's token names a tenant; an execution id, when present, is 1 to 128
 * visible characters; {@code issuedAt < expiresAt} and the lifetime is at most
 * {@link #MAX_LIFETIME}. Whether it is still valid at a given instant, or revoked, is decided by
 * the verifier, not by the value.
 *
 * @param tenantId the owning tenant; {@code null} only for an operator acting outside a tenant
 * @param executionId the bound execution; {@code null} for a caller's session token
 */
public record SecurityToken(String tokenId, String subject, IdentityKind identityKind, TenantId tenantId,
        SecurityContextName securityContext, String executionId, Instant issuedAt, Instant expiresAt) {

    /** The longest lifetime any SEAL token may have; issuers use much shorter ones by default. */
    public static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private static final Pattern TOKEN_ID = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final Pattern EXECUTION_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public SecurityToken {
        if (tokenId == null || !TOKEN_ID.matcher(tokenId).matches()) {
            throw new InvalidInputException("seal.token_id_invalid",
                    "a SEAL token id is 16 to 128 base64url characters");
        }
        validate(subject, identityKind, tenantId, securityContext, executionId, issuedAt, expiresAt);
    }

    static void validate(String subject, IdentityKind identityKind, TenantId tenantId,
            SecurityContextName securityContext, String executionId, Instant issuedAt, Instant expiresAt) {
        if (subject == null || subject.isEmpty() || subject.length() > 255) {
            throw new InvalidInputException("seal.subject_invalid", "a SEAL token names a subject of 1 to 255 characters");
        }
        Objects.requireNonNull(identityKind, "identityKind");
        Objects.requireNonNull(securityContext, "securityContext");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (identityKind == IdentityKind.ZARU_USER && tenantId == null) {
            throw new InvalidInputException("seal.tenant_missing", "a Zaru user's SEAL token must name its tenant");
        }
        if (executionId != null && !EXECUTION_ID.matcher(executionId).matches()) {
            throw new InvalidInputException("seal.execution_invalid",
                    "a SEAL execution id is 1 to 128 visible ASCII characters");
        }
        if (!expiresAt.isAfter(issuedAt)) {
            throw new InvalidInputException("seal.lifetime_empty", "a SEAL token must expire after it is issued");
        }
        if (Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
            throw new InvalidInputException("seal.lifetime_too_long", "a SEAL token lives at most 24 hours");
        }
    }

    /** The tenant, absent only for an operator token. */
    public Optional<TenantId> tenant() {
        return Optional.ofNullable(tenantId);
    }

    /** The execution the token is bound to, absent for a caller's session token. */
    public Optional<String> execution() {
        return Optional.ofNullable(executionId);
    }

    /** True once {@code now} has reached the expiry. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The claims without the id. */
    public SecurityTokenClaims claims() {
        return new SecurityTokenClaims(subject, identityKind, tenantId, securityContext, executionId, issuedAt,
                expiresAt);
    }
}
