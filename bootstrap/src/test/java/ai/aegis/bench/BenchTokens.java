package ai.aegis.bench;

import ai.aegis.adapters.identity.JwtCredentialVerifier;
import ai.aegis.adapters.identity.RealmKind;
import ai.aegis.adapters.identity.TrustedRealm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/** Consumer-realm tokens shaped like a Keycloak access token (RS256, 2048-bit key), for the benchmarks. */
final class BenchTokens {

    static final String ISSUER = "https://idp.bench.invalid/realms/zaru-consumer";
    static final String AUDIENCE = "aegis";

    /** An RS256 identity provider whose public key is served in memory (no HTTP in the loop). */
    static final class Issuer {
        private final RSAKey key;
        private final RSASSASigner signer;

        Issuer() throws JOSEException {
            key = new RSAKeyGenerator(2048).keyID("bench-rs256").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            signer = new RSASSASigner(key);
        }

        TrustedRealm consumerRealm() {
            return TrustedRealm.local(RealmKind.ZARU_CONSUMER, ISSUER, AUDIENCE,
                    new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        }
    }

    private BenchTokens() {
    }

    /** {@code count} valid tokens of distinct users (alternating Pro and Business), valid for two hours. */
    static String[] consumerTokens(Issuer issuer, Instant now, int count) throws JOSEException {
        String[] tokens = new String[count];
        for (int i = 0; i < count; i++) {
            UUID user = new UUID(0x7d0b6a533f5e4c2aL, 0x9f552a1c3b9d0000L + i);
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience(AUDIENCE)
                    .subject(user.toString())
                    .issueTime(Date.from(now))
                    .notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                    .jwtID("bench-" + i)
                    .claim(JwtCredentialVerifier.CLAIM_TIER, i % 2 == 0 ? "Pro" : "Business")
                    .claim(JwtCredentialVerifier.CLAIM_TENANT, "u-" + user)
                    .build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(issuer.key.getKeyID()).build(), claims);
            jwt.sign(issuer.signer);
            tokens[i] = jwt.serialize();
        }
        return tokens;
    }
}
