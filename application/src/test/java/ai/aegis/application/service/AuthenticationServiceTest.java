package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticationServiceTest {

    private final ai.aegis.application.memory.InMemoryAuditLogAdapter audit =
            new ai.aegis.application.memory.InMemoryAuditLogAdapter();

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final MyzaruJWT JWT = MyzaruJWT.of("aaa.bbb.ccc");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a11"));
    private static final Identity.ZaruUser PRO_USER = new Identity.ZaruUser(ZaruUserId.of("user-1"), TENANT, ZaruTier.PRO);

    private final List<ai.aegis.domain.seal.SecurityTokenClaims> issued = new ArrayList<>();
    private final IssueSecurityTokenPort issuer = claims -> {
        issued.add(claims);
        return new SignedSecurityToken(claims.withTokenId("tok-" + "0".repeat(16)), "seal.compact.form");
    };

    private AuthenticationService service(Identity identity, Instant credentialExpiry) {
        return new AuthenticationService(jwt -> new VerifiedCredential(identity, credentialExpiry), issuer, audit, () -> NOW,
                Duration.ofMinutes(5));
    }

    @Test
    void authenticate_consumerWithMatchingHeaders_issuesSealTokenForTierContext() {
        AuthenticatedCaller caller = service(PRO_USER, NOW.plusSeconds(3600))
                .authenticate(new AuthenticateCallerCommand(JWT, "user-1", "pro"));

        assertThat(caller.identity()).isEqualTo(PRO_USER);
        assertThat(caller.securityContext()).isEqualTo(SecurityContextName.of("zaru-pro"));
        assertThat(caller.compactSecurityToken()).isEqualTo("seal.compact.form");
        assertThat(issued.get(0).tenantId()).isEqualTo(TENANT);
        assertThat(issued.get(0).identityKind()).isEqualTo(IdentityKind.ZARU_USER);
        assertThat(issued.get(0).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void authenticate_credentialExpiresBeforeSealLifetime_sealTokenCutAtCredentialExpiry() {
        service(PRO_USER, NOW.plusSeconds(90)).authenticate(AuthenticateCallerCommand.of(JWT));

        assertThat(issued.get(0).expiresAt()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void authenticate_operator_mapsToOperatorContextWithoutTenant() {
        AuthenticatedCaller caller = service(new Identity.Operator("sre-1", AegisRole.ADMIN), NOW.plusSeconds(600))
                .authenticate(new AuthenticateCallerCommand(JWT, "sre-1", null));

        assertThat(caller.securityContext()).isEqualTo(SecurityContextName.OPERATOR);
        assertThat(issued.get(0).tenantId()).isNull();
    }

    @Test
    void authenticate_userIdHeaderDiffers_refusedAsHeaderMismatchWithoutIssuing() {
        assertThatThrownBy(() -> service(PRO_USER, NOW.plusSeconds(600))
                .authenticate(new AuthenticateCallerCommand(JWT, "someone-else", null)))
                .isInstanceOf(AccessDeniedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("identity.header_mismatch");
        assertThat(issued).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(record -> {
            assertThat(record.actorSubject()).isEqualTo(PRO_USER.subject());
            assertThat(record.decision()).isEqualTo(ai.aegis.domain.audit.AuditDecision.DENIED);
            assertThat(record.reasonCode()).isEqualTo("identity.header_mismatch");
            assertThat(record.tenantId()).isEqualTo(PRO_USER.tenantId());
        });
    }

    @Test
    void authenticate_tierHeaderDiffers_refusedButCaseIgnored() {
        AuthenticationService service = service(PRO_USER, NOW.plusSeconds(600));

        assertThat(service.authenticate(new AuthenticateCallerCommand(JWT, null, "PRO")).identity()).isEqualTo(PRO_USER);
        assertThatThrownBy(() -> service.authenticate(new AuthenticateCallerCommand(JWT, null, "Enterprise")))
                .isInstanceOf(AccessDeniedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("identity.header_mismatch");
    }

    @Test
    void authenticate_operatorSendsTierHeader_refusedAsHeaderMismatch() {
        assertThatThrownBy(() -> service(new Identity.Operator("sre-1", AegisRole.READONLY), NOW.plusSeconds(600))
                .authenticate(new AuthenticateCallerCommand(JWT, null, "Enterprise")))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("identity.header_mismatch");
    }

    @Test
    void authenticate_verifierRefuses_refusalPropagatesUnchanged() {
        AuthenticationService service = new AuthenticationService(jwt -> {
            throw new UnauthenticatedException("token.expired", "the bearer token has expired");
        }, issuer, audit, () -> NOW);

        assertThatThrownBy(() -> service.authenticate(AuthenticateCallerCommand.of(JWT)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("token.expired");
        assertThat(issued).isEmpty();
    }

    @Test
    void authenticate_sameCredentialWithinReuseWindow_sameSealTokenIssuedOnce() {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(NOW);
        List<String> ids = new ArrayList<>();
        IssueSecurityTokenPort counting = claims -> {
            String id = "tok-" + String.format("%016d", ids.size());
            ids.add(id);
            return new SignedSecurityToken(claims.withTokenId(id), "compact-" + id);
        };
        AuthenticationService service = new AuthenticationService(
                jwt -> new VerifiedCredential(PRO_USER, NOW.plusSeconds(3600)), counting, audit, now::get,
                Duration.ofMinutes(5), Duration.ofMinutes(2));

        AuthenticatedCaller first = service.authenticate(AuthenticateCallerCommand.of(JWT));
        now.set(NOW.plusSeconds(119));
        AuthenticatedCaller second = service.authenticate(AuthenticateCallerCommand.of(JWT));
        AuthenticatedCaller otherCredential = service.authenticate(AuthenticateCallerCommand.of(MyzaruJWT.of("xxx.yyy.zzz")));
        now.set(NOW.plusSeconds(120));
        AuthenticatedCaller third = service.authenticate(AuthenticateCallerCommand.of(JWT));

        assertThat(second.compactSecurityToken()).isEqualTo(first.compactSecurityToken());
        assertThat(otherCredential.compactSecurityToken()).isNotEqualTo(first.compactSecurityToken());
        assertThat(third.compactSecurityToken()).isNotEqualTo(first.compactSecurityToken());
        assertThat(ids).hasSize(3);
    }

    @Test
    void authenticate_reuseOff_freshTokenEveryCall() {
        AuthenticationService service = new AuthenticationService(
                jwt -> new VerifiedCredential(PRO_USER, NOW.plusSeconds(3600)), issuer, audit, () -> NOW,
                Duration.ofMinutes(5), Duration.ZERO);

        service.authenticate(AuthenticateCallerCommand.of(JWT));
        service.authenticate(AuthenticateCallerCommand.of(JWT));

        assertThat(issued).hasSize(2);
    }

    @Test
    void authenticate_reusedTokenStillChecksHeaders() {
        AuthenticationService service = service(PRO_USER, NOW.plusSeconds(3600));
        service.authenticate(AuthenticateCallerCommand.of(JWT));

        assertThatThrownBy(() -> service.authenticate(new AuthenticateCallerCommand(JWT, "intruder", null)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("identity.header_mismatch");
    }
}
