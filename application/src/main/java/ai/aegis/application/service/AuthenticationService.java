package ai.aegis.application.service;

import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticateCallerUseCase;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.application.port.out.VerifyCredentialPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The identity bridge: a verified token becomes an identity and a SEAL security token bound to
 * the identity's security context. Identity headers may only confirm the token, never change it.
 * The SEAL token never outlives the credential it was derived from.
 */
public final class AuthenticationService implements AuthenticateCallerUseCase {

    /** Default lifetime of a request's SEAL token. */
    public static final Duration DEFAULT_SEAL_LIFETIME = Duration.ofMinutes(5);

    private final VerifyCredentialPort credentials;
    private final IssueSecurityTokenPort sealIssuer;
    private final ClockPort clock;
    private final Duration sealLifetime;

    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer, ClockPort clock,
            Duration sealLifetime) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sealIssuer = Objects.requireNonNull(sealIssuer, "sealIssuer");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sealLifetime, "sealLifetime");
        if (sealLifetime.isNegative() || sealLifetime.isZero()
                || sealLifetime.compareTo(SecurityToken.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the SEAL token lifetime must be between 1 s and 24 h");
        }
        this.sealLifetime = sealLifetime;
    }

    public AuthenticationService(VerifyCredentialPort credentials, IssueSecurityTokenPort sealIssuer, ClockPort clock) {
        this(credentials, sealIssuer, clock, DEFAULT_SEAL_LIFETIME);
    }

    @Override
    public AuthenticatedCaller authenticate(AuthenticateCallerCommand command) {
        VerifiedCredential verified = credentials.verify(command.credential());
        Identity identity = verified.identity();
        requireHeadersMatch(command, identity);
        SecurityTokenClaims claims =
                SecurityTokenClaims.forIdentity(identity, clock.now(), sealLifetime, verified.expiresAt());
        SignedSecurityToken token = sealIssuer.issue(claims);
        return new AuthenticatedCaller(identity, token);
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
