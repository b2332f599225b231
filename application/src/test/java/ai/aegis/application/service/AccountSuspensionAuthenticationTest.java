package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.memory.InMemoryTenantAccountAdapter;
import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.tenancy.TenantScope;
import ai.aegis.domain.tenancy.UserAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What an administrator configured applies when a SEAL token is issued: suspension refuses, a tier override replaces. */
class AccountSuspensionAuthenticationTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId CONSUMER = TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a11"));

    private final InMemoryTenantAccountAdapter accounts = new InMemoryTenantAccountAdapter();
    private final InMemoryClockAdapter clock = new InMemoryClockAdapter(NOW);
    private final InMemoryAuditLogAdapter audit = new InMemoryAuditLogAdapter();
    private final AtomicReference<Identity> caller = new AtomicReference<>();
    private final IssueSecurityTokenPort issuer =
            claims -> new SignedSecurityToken(claims.withTokenId("tok-" + "0".repeat(16)), "seal.compact.form");

    private AuthenticationService service(Duration reuseWindow) {
        return new AuthenticationService(jwt -> new VerifiedCredential(caller.get(), NOW.plus(Duration.ofDays(1))), issuer,
                audit, clock, Duration.ofMinutes(5), reuseWindow, accounts);
    }

    private AuthenticatedCaller authenticate(AuthenticationService service, Identity identity) {
        caller.set(identity);
        return service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of("aaa.bbb.ccc")));
    }

    private static Identity.ZaruUser alice(ZaruTier tier) {
        return new Identity.ZaruUser(ZaruUserId.of("alice"), CONSUMER, tier);
    }

    @Test
    void authenticate_suspendedUser_refusedWithReasonAndAudited() {
        accounts.saveUser(UserAccount.standard(CONSUMER, "alice").withSuspended(true));

        assertThatThrownBy(() -> authenticate(service(Duration.ZERO), alice(ZaruTier.PRO)))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("suspended")
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo("account.suspended");
        assertThat(audit.all()).extracting(AuditRecord::action, AuditRecord::decision, AuditRecord::reasonCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("identity.authenticate", AuditDecision.DENIED,
                        "account.suspended"));
    }

    @Test
    void authenticate_suspendedTenant_refusedAsTenantSuspended() {
        accounts.setTenantSuspended(CONSUMER, true);

        assertThatThrownBy(() -> authenticate(service(Duration.ZERO), alice(ZaruTier.PRO)))
                .isInstanceOf(AccessDeniedException.class)
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo("tenant.suspended");
    }

    @Test
    void authenticate_suspensionLifted_allowedAgain() {
        AuthenticationService service = service(Duration.ZERO);
        accounts.setTenantSuspended(CONSUMER, true);
        assertThatThrownBy(() -> authenticate(service, alice(ZaruTier.PRO))).isInstanceOf(AccessDeniedException.class);

        accounts.setTenantSuspended(CONSUMER, false);

        assertThat(authenticate(service, alice(ZaruTier.PRO)).identity()).isEqualTo(alice(ZaruTier.PRO));
    }

    @Test
    void authenticate_suspendedOperator_refused() {
        accounts.saveUser(UserAccount.standard(TenantScope.SYSTEM, "sre-1").withSuspended(true));

        assertThatThrownBy(() -> authenticate(service(Duration.ZERO), new Identity.Operator("sre-1", AegisRole.ADMIN)))
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo("account.suspended");
    }

    @Test
    void authenticate_tierOverride_identityAndSealContextCarryTheOverride() {
        accounts.saveUser(UserAccount.standard(CONSUMER, "alice").withTierOverride(Optional.of(ZaruTier.ENTERPRISE)));

        AuthenticatedCaller authenticated = authenticate(service(Duration.ZERO), alice(ZaruTier.FREE));

        assertThat(authenticated.identity()).isEqualTo(alice(ZaruTier.ENTERPRISE));
        assertThat(authenticated.securityContext()).isEqualTo(SecurityContextName.forIdentity(alice(ZaruTier.ENTERPRISE)));
    }

    @Test
    void authenticate_tierOverrideWithReuse_tokenReusedForTheVerifiedIdentity() {
        accounts.saveUser(UserAccount.standard(CONSUMER, "alice").withTierOverride(Optional.of(ZaruTier.BUSINESS)));
        AuthenticationService service = service(Duration.ofMinutes(2));

        AuthenticatedCaller first = authenticate(service, alice(ZaruTier.FREE));
        AuthenticatedCaller second = authenticate(service, alice(ZaruTier.FREE));

        assertThat(second).isSameAs(first);
        assertThat(second.identity()).isEqualTo(alice(ZaruTier.BUSINESS));
    }

    @Test
    void authenticate_suspendedAfterIssueBeyondReuseWindow_refused() {
        AuthenticationService service = service(Duration.ofMinutes(2));
        authenticate(service, alice(ZaruTier.PRO));
        accounts.saveUser(UserAccount.standard(CONSUMER, "alice").withSuspended(true));
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> authenticate(service, alice(ZaruTier.PRO)))
                .extracting(e -> ((AccessDeniedException) e).code()).isEqualTo("account.suspended");
    }
}
