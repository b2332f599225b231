package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SealTokenSignerTest {

    private static final Identity.ZaruUser USER = new Identity.ZaruUser(ZaruUserId.of("user-1"),
            TenantId.consumer(UUID.fromString("9a8b7c6d-5e4f-4a3b-9c1d-0e2f4a6b8c0d")), ZaruTier.PRO);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final SealTokenSigner signer = new SealTokenSigner(clock);

    private SignedSecurityToken issue(Identity identity, Duration lifetime) {
        return signer.issue(SecurityTokenClaims.forIdentity(identity, clock.instant(), lifetime, null));
    }

    @Test
    void issue_thenVerify_roundTripsEveryClaim() throws Exception {
        SignedSecurityToken signed = issue(USER, Duration.ofMinutes(5));

        SecurityToken verified = signer.verify(signed.compact());

        assertThat(verified).isEqualTo(signed.token());
        assertThat(verified.securityContext()).isEqualTo(SecurityContextName.of("zaru-pro"));
        assertThat(SignedJWT.parse(signed.compact()).getHeader().getAlgorithm().getName()).isEqualTo("EdDSA");
        assertThat(signed.toString()).doesNotContain(signed.compact());
    }

    @Test
    void issue_executionToken_carriesExecutionAndAgentRuntimeContext() {
        SecurityTokenClaims claims = new SecurityTokenClaims("user-1", USER.kind(), USER.tenantId(),
                SecurityContextName.AGENT_RUNTIME, "exec-42", clock.instant(), clock.instant().plusSeconds(120));

        SecurityToken verified = signer.verify(signer.issue(claims).compact());

        assertThat(verified.executionId()).isEqualTo("exec-42");
        assertThat(verified.securityContext()).isEqualTo(SecurityContextName.AGENT_RUNTIME);
    }

    @Test
    void issue_twice_givesDistinctTokenIds() {
        assertThat(issue(USER, Duration.ofMinutes(5)).token().tokenId())
                .isNotEqualTo(issue(USER, Duration.ofMinutes(5)).token().tokenId());
    }

    @Test
    void verify_operatorToken_hasNoTenant() {
        SecurityToken verified = signer.verify(issue(new Identity.Operator("sre", AegisRole.ADMIN), Duration.ofMinutes(5))
                .compact());

        assertThat(verified.tenant()).isEmpty();
        assertThat(verified.securityContext()).isEqualTo(SecurityContextName.OPERATOR);
    }

    @Test
    void verify_tamperedOrForeignToken_refusedAsInvalid() {
        String compact = issue(USER, Duration.ofMinutes(5)).compact();
        String[] parts = compact.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        String foreign = new SealTokenSigner(clock).issue(
                SecurityTokenClaims.forIdentity(USER, clock.instant(), Duration.ofMinutes(5), null)).compact();
        String devIdpLike = TestKeys.sign(TestKeys.ED, new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("x").build());

        for (String bad : new String[] {tampered, foreign, devIdpLike, "not-a-token"}) {
            assertThatThrownBy(() -> signer.verify(bad))
                    .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.token_invalid");
        }
    }

    @Test
    void rotate_oldKeyKeepsVerifyingUntilItsLastTokenExpires() throws Exception {
        String oldKid = signer.currentKeyId();
        SignedSecurityToken old = issue(USER, Duration.ofMinutes(5));
        String newKid = signer.rotate();

        assertThat(signer.verify(old.compact())).isEqualTo(old.token());
        assertThat(JWKSet.parse(signer.publicJwksJson()).getKeys()).extracting(JWK::getKeyID)
                .containsExactlyInAnyOrder(oldKid, newKid);

        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> signer.verify(old.compact()))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.token_invalid");
        assertThat(JWKSet.parse(signer.publicJwksJson()).getKeys()).extracting(JWK::getKeyID).containsExactly(newKid);
        assertThat(signer.verify(issue(USER, Duration.ofMinutes(5)).compact()).subject()).isEqualTo("user-1");
    }

    @Test
    void publicJwksJson_holdsNoPrivateMember() throws Exception {
        JWKSet set = JWKSet.parse(signer.publicJwksJson());

        assertThat(set.getKeys()).allSatisfy(k -> assertThat(k.isPrivate()).isFalse());
    }
}
