package ai.aegis.application.service;

import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.application.port.out.VerifyCredentialPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The identity bridge: a verified token becomes an identity and a SEAL security token bound to
 * the identity's security context. Identity headers may only confirm the token, never change it.
 * The SEAL token never outlives the credential it was derived from.
 *
 * <p>Signing a SEAL token costs far more than a cached credential check (tens of microseconds for
 * Ed25519), so a token issued for a credential is handed out again to requests carrying the same
 * credential for a short reuse window (default half the token lifetime; zero turns reuse off). A
 * reused token is the same identity, context and tenant, and always has at least
 * {@code lifetime - reuseWindow} left unless the credential itself expires sooner.
 *
 * <p>With a {@link TenantAccountPort}, what an administrator configured applies whenever a SEAL
 * token is issued: a suspended user, or any user of a suspended tenant, is refused
 * ({@code account.suspended}, {@code tenant.suspended}; audited), and a tier override replaces the
 * tier of the user's tokens (the identity and SEAL context carry the override). A token already
 * handed out is reused at most for the reuse window, so a suspension or override takes effect
 * within that window (2.5 min by default) on every instance.
 */
public final class AuthenticationService implements AuthenticateCallerUseCase {

    /** Default lifetime of a request's SEAL token. */
    public static final Duration DEFAULT_SEAL_LIFETIME = Duration.ofMinutes(5);

    private final VerifyCredentialPort credentials;
    private final IssueSecurityTokenPort sealIssuer;
    private final ClockPort clock;
    private final Auditor auditor;
    /** Most credentials whose SEAL token is kept for reuse. */
    public static final int MAX_REUSE_ENTRIES = 10_000;

    private final Duration sealLifetime;
    private final Duration reuseWindow;
    private final ConcurrentHashMap<String, Issued> recent = new ConcurrentHashMap<>();
    private final PlanSightings plans;
    private final TenantAccountPort accounts;

    /** A token handed out, with the identity its credential verified as (before any tier override). */
    private record Issued(Identity verified, AuthenticatedCaller caller) {
    }

    /**
     * Also records each consumer's verified tier as their tenant's plan in {@code accounts} (which
     * audit retention reads), writing only when the plan this instance last stored would change.
     */
    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock, Duration sealLifetime, Duration reuseWindow,
            TenantAccountPort accounts) {
        this(credentials, sealIssuer, auditLog, clock, sealLifetime, reuseWindow,
                Objects.requireNonNull(accounts, "accounts"), true);
    }

    /** Records no plans. */
    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock, Duration sealLifetime, Duration reuseWindow) {
        this(credentials, sealIssuer, auditLog, clock, sealLifetime, reuseWindow, null, false);
    }

    private AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock, Duration sealLifetime, Duration reuseWindow,
            TenantAccountPort accounts, boolean withAccounts) {
        this.accounts = withAccounts ? accounts : null;
        this.plans = new PlanSightings(this.accounts);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sealIssuer = Objects.requireNonNull(sealIssuer, "sealIssuer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditor = new Auditor(Objects.requireNonNull(auditLog, "auditLog"), clock);
        Objects.requireNonNull(sealLifetime, "sealLifetime");
        if (sealLifetime.isNegative() || sealLifetime.isZero()
                || sealLifetime.compareTo(SecurityToken.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the SEAL token lifetime must be between 1 s and 24 h");
        }
        this.sealLifetime = sealLifetime;
        Objects.requireNonNull(reuseWindow, "reuseWindow");
        if (reuseWindow.isNegative() || reuseWindow.compareTo(sealLifetime) >= 0) {
            throw new IllegalArgumentException("the SEAL reuse window must be at least 0 and shorter than the lifetime");
        }
        this.reuseWindow = reuseWindow;
    }

    /** Tokens live {@code sealLifetime} and are reused for half of it. */
    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock, Duration sealLifetime) {
        this(credentials, sealIssuer, auditLog, clock, sealLifetime, sealLifetime.dividedBy(2));
    }

    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock) {
        this(credentials, sealIssuer, auditLog, clock, DEFAULT_SEAL_LIFETIME);
    }

    /** Default SEAL lifetime and reuse, recording consumers' plans in {@code accounts}. */
    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer,
            AuditLogPort auditLog, ClockPort clock, TenantAccountPort accounts) {
        this(credentials, sealIssuer, auditLog, clock, DEFAULT_SEAL_LIFETIME, DEFAULT_SEAL_LIFETIME.dividedBy(2),
                accounts);
    }

    @Override
    public AuthenticatedCaller authenticate(AuthenticateCallerCommand command) {
        VerifiedCredential verified = credentials.verify(command.credential());
        Identity identity = verified.identity();
        try {
            requireHeadersMatch(command, identity);
        } catch (AccessDeniedException mismatch) {
            auditor.record(identity, "identity.authenticate", Optional.empty(), AuditDecision.DENIED, mismatch.code());
            throw mismatch;
        }
        Instant now = clock.now();
        if (reuseWindow.isZero()) {
            return issue(identity, now, verified);
        }
        String key = command.credential().fingerprint();
        Issued previous = recent.get(key);
        if (previous != null && reusable(previous, identity, now)) {
            return previous.caller();
        }
        AuthenticatedCaller fresh = issue(identity, now, verified);
        if (recent.size() >= MAX_REUSE_ENTRIES) {
            recent.values().removeIf(issued -> !reusable(issued, issued.verified(), now));
            if (recent.size() >= MAX_REUSE_ENTRIES) {
                recent.clear();
            }
        }
        recent.put(key, new Issued(identity, fresh));
        return fresh;
    }

    private AuthenticatedCaller issue(Identity identity, Instant now, VerifiedCredential verified) {
        // Only here, not on the reuse path: a reused token's identity was recorded when it was issued.
        plans.seen(identity, now);
        Identity configured = asConfigured(identity);
        SecurityTokenClaims claims = SecurityTokenClaims.forIdentity(configured, now, sealLifetime, verified.expiresAt());
        SignedSecurityToken token = sealIssuer.issue(claims);
        return new AuthenticatedCaller(configured, token);
    }

    /**
     * The identity as an administrator configured its account: refused while the user or their
     * tenant is suspended; a consumer's tier override replaces the token's tier.
     */
    private Identity asConfigured(Identity identity) {
        if (accounts == null) {
            return identity;
        }
        TenantId tenant = TenantScope.of(identity);
        UserAccount account = accounts.user(tenant, identity.subject());
        if (account.suspended()) {
            throw refuse(identity, new AccessDeniedException("account.suspended", "this account is suspended by an "
                    + "administrator, so every call is refused until the suspension is lifted; contact support"));
        }
        if (!TenantScope.SYSTEM.equals(tenant) && accounts.tenantSuspended(tenant)) {
            throw refuse(identity, new AccessDeniedException("tenant.suspended", "tenant " + tenant + " is suspended "
                    + "by an administrator, so every call of its users is refused until the suspension is lifted; "
                    + "contact support"));
        }
        if (identity instanceof Identity.ZaruUser user && account.tierOverride().isPresent()
                && account.tierOverride().get() != user.tier()) {
            return new Identity.ZaruUser(user.userId(), user.tenantId(), account.tierOverride().get());
        }
        return identity;
    }

    private AccessDeniedException refuse(Identity identity, AccessDeniedException refusal) {
        auditor.record(identity, "identity.authenticate", Optional.empty(), AuditDecision.DENIED, refusal.code());
        return refusal;
    }

    private boolean reusable(Issued issued, Identity identity, Instant now) {
        SecurityToken token = issued.caller().securityToken().token();
        return issued.verified().equals(identity)
                && now.isBefore(token.issuedAt().plus(reuseWindow))
                && now.isBefore(token.expiresAt());
    }

    private static void requireHeadersMatch(AuthenticateCallerCommand command, Identity identity) {
        if (command.claimedUserId() != null && !command.claimedUserId().equals(identity.subject())) {
            throw new AccessDeniedException("identity.header_mismatch",
                    "the X-Zaru-User-ID header does not match the user in the bearer token; the token is the only "
                            + "source of identity, so drop the header or send the token's own user id");
        }
        if (command.claimedTier() != null) {
            boolean matches = identity instanceof Identity.ZaruUser user
                    && user.tier().name().equals(command.claimedTier().trim().toUpperCase(Locale.ROOT));
            if (!matches) {
                throw new AccessDeniedException("identity.header_mismatch",
                        "the X-Zaru-Tier header does not match the tier in the bearer token; the token is the only "
                                + "source of the tier, so drop the header or send the token's own tier");
            }
        }
    }
}
