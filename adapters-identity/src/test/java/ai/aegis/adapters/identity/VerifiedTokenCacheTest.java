package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.MyzaruJWT;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
    private final AtomicInteger keyLookups = new AtomicInteger();
    private final JWKSource<SecurityContext> countingKeys = (selector, context) -> {
        keyLookups.incrementAndGet();
        return new ImmutableJWKSet<SecurityContext>(new JWKSet(TestKeys.RSA.toPublicJWK())).get(selector, context);
    };

    private JwtCredentialVerifier verifier(int entries, Duration maxAge) {
        return JwtCredentialVerifier.builder()
                .realm(TrustedRealm.local(RealmKind.ZARU_CONSUMER, JwtCredentialVerifierTest.CONSUMER_ISS, "aegis",
                        countingKeys))
                .clock(clock).clockSkew(Duration.ZERO).verifiedTokenCache(entries, maxAge).build();
    }

    private MyzaruJWT token(String user, Duration lifetime) {
        Instant now = clock.instant();
        return MyzaruJWT.of(TestKeys.sign(TestKeys.RSA, new JWTClaimsSet.Builder()
                .issuer(JwtCredentialVerifierTest.CONSUMER_ISS).audience("aegis").subject(user)
                .claim("zaru_tier", "Free").claim("tenant_id", JwtCredentialVerifierTest.TENANT.value())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build()));
    }

    @Test
    void verify_sameTokenTwice_secondSkipsKeyLookupAndSignature() {
        JwtCredentialVerifier verifier = verifier(100, Duration.ofMinutes(5));
        MyzaruJWT token = token("user-1", Duration.ofMinutes(10));

        verifier.verify(token);
        verifier.verify(token);

        assertThat(keyLookups.get()).isEqualTo(1);
        assertThat(verifier.cachedTokens()).isEqualTo(1);
    }

    @Test
    void verify_cachedTokenPastExpiry_reverifiedAndRefusedAsExpired() {
        JwtCredentialVerifier verifier = verifier(100, Duration.ofHours(1));
        MyzaruJWT token = token("user-1", Duration.ofSeconds(60));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(60));

        assertThatThrownBy(() -> verifier.verify(token))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("token.expired");
        assertThat(keyLookups.get()).isEqualTo(2);
    }

    @Test
    void verify_cachedEntryOlderThanMaxAge_reverified() {
        JwtCredentialVerifier verifier = verifier(100, Duration.ofSeconds(30));
        MyzaruJWT token = token("user-1", Duration.ofMinutes(10));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(31));

        verifier.verify(token);

        assertThat(keyLookups.get()).isEqualTo(2);
    }

    @Test
    void verify_moreTokensThanCacheSize_cacheStaysBounded() {
        JwtCredentialVerifier verifier = verifier(2, Duration.ofMinutes(5));

        for (String user : List.of("a", "b", "c", "d")) {
            verifier.verify(token(user, Duration.ofMinutes(10)));
        }

        assertThat(verifier.cachedTokens()).isLessThanOrEqualTo(2);
    }

    @Test
    void verify_cacheSwitchedOff_everyCallChecksSignature() {
        JwtCredentialVerifier verifier = verifier(0, Duration.ofMinutes(5));
        MyzaruJWT token = token("user-1", Duration.ofMinutes(10));

        verifier.verify(token);
        verifier.verify(token);

        assertThat(keyLookups.get()).isEqualTo(2);
    }
}
