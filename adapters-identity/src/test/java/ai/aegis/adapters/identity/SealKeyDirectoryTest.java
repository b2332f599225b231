package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemorySealPublicKeyDirectoryAdapter;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Several instances (or one instance across a restart) share only public SEAL keys through the
 * directory: a token signed by one verifies on every other until it expires.
 */
class SealKeyDirectoryTest {

    private static final Identity.ZaruUser USER = Identity.zaruUser(ZaruUserId.of("user-1"),
            TenantId.consumer(UUID.fromString("1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b")), ZaruTier.PRO);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final InMemorySealPublicKeyDirectoryAdapter directory = new InMemorySealPublicKeyDirectoryAdapter();

    private SignedSecurityToken issue(SealTokenSigner signer) {
        return signer.issue(SecurityTokenClaims.forIdentity(USER, clock.instant(), Duration.ofMinutes(5), null));
    }

    @Test
    void tokenFromInstanceA_verifiedOnInstanceB() {
        SealTokenSigner instanceA = SealTokenSigner.shared(clock, directory);
        SealTokenSigner instanceB = SealTokenSigner.shared(clock, directory);
        SignedSecurityToken token = issue(instanceA);

        assertThat(instanceB.verify(token.compact())).isEqualTo(token.token());
    }

    @Test
    void tokenFromBeforeARestart_verifiedByTheRestartedInstance() throws Exception {
        SignedSecurityToken token = issue(SealTokenSigner.shared(clock, directory));
        clock.advance(Duration.ofMinutes(1));
        SealTokenSigner restarted = SealTokenSigner.shared(clock, directory);

        assertThat(restarted.verify(token.compact()).tokenId()).isEqualTo(token.token().tokenId());
        assertThat(JWKSet.parse(restarted.publicJwksJson()).getKeys()).hasSize(2);
    }

    @Test
    void signerWithoutTheDirectory_refusesAnotherInstancesToken() {
        SignedSecurityToken token = issue(SealTokenSigner.shared(clock, directory));

        assertThatThrownBy(() -> new SealTokenSigner(clock).verify(token.compact()))
                .isInstanceOf(UnauthenticatedException.class)
                .hasFieldOrPropertyWithValue("code", "seal.token_invalid");
    }

    @Test
    void directoryKeyUnderAnotherName_refused() {
        SealTokenSigner instanceA = SealTokenSigner.shared(clock, directory);
        SignedSecurityToken token = issue(instanceA);
        String published = directory.find(instanceA.currentKeyId(), clock.instant()).orElseThrow();
        InMemorySealPublicKeyDirectoryAdapter forged = new InMemorySealPublicKeyDirectoryAdapter();
        SealTokenSigner other = SealTokenSigner.shared(clock, forged);
        forged.publish(instanceA.currentKeyId(), published.replace(instanceA.currentKeyId(), "another-kid"),
                clock.instant().plusSeconds(600));

        assertThatThrownBy(() -> other.verify(token.compact()))
                .hasFieldOrPropertyWithValue("code", "seal.token_invalid");
    }
}
