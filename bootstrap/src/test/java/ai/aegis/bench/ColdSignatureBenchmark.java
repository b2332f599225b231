package ai.aegis.bench;

import ai.aegis.adapters.identity.JwtCredentialVerifier;
import ai.aegis.adapters.identity.RealmKind;
import ai.aegis.adapters.identity.TrustedRealm;
import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.identity.MyzaruJWT;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * A cold bearer-token check per algorithm: the real {@link JwtCredentialVerifier} with its
 * verified-token cache switched off ({@code verifiedTokenCache(0, ...)}), so every call parses,
 * checks the header, picks the realm and key, verifies the signature, checks time and audience and
 * maps the claims to an identity; against nimbus-jose-jwt verifying the same token alone
 * ({@code SignedJWT.parse} and the algorithm's verifier), which is the floor any verifier pays.
 *
 * <p>{@code nimbusVerifyAndClaims} adds the claims parse nimbus defers until asked, so the gap
 * between it and {@code verifier} is what the adapter itself adds (fingerprint, header and
 * realm checks, key lookup, claim mapping).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class ColdSignatureBenchmark {

    private static final String ISSUER = "https://idp.bench.invalid/realms/zaru-consumer";
    private static final String AUDIENCE = "aegis";
    private static final String USER = "7d0b6a53-3f5e-4c2a-9f55-2a1c3b9d8e01";

    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    private JwtCredentialVerifier verifier;
    private MyzaruJWT credential;
    private String token;
    private JWSVerifier nimbusVerifier;

    @Setup(Level.Trial)
    public void setUp() throws JOSEException {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
        JWK key;
        JWSSigner signer;
        if (JWSAlgorithm.RS256.equals(algorithm)) {
            RSAKey rsa = new RSAKeyGenerator(2048).keyID("bench-" + alg).keyUse(KeyUse.SIGNATURE)
                    .algorithm(algorithm).generate();
            key = rsa;
            signer = new RSASSASigner(rsa);
            nimbusVerifier = new RSASSAVerifier(rsa.toRSAPublicKey());
        } else if (JWSAlgorithm.ES256.equals(algorithm)) {
            ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("bench-" + alg).keyUse(KeyUse.SIGNATURE)
                    .algorithm(algorithm).generate();
            key = ec;
            signer = new ECDSASigner(ec);
            nimbusVerifier = new ECDSAVerifier(ec.toPublicJWK());
        } else if (JWSAlgorithm.EdDSA.equals(algorithm)) {
            OctetKeyPair okp = new OctetKeyPairGenerator(Curve.Ed25519).keyID("bench-" + alg)
                    .keyUse(KeyUse.SIGNATURE).algorithm(algorithm).generate();
            key = okp;
            signer = new Ed25519Signer(okp);
            nimbusVerifier = new Ed25519Verifier(okp.toPublicJWK());
        } else {
            throw new IllegalArgumentException("no benchmark key for " + alg);
        }

        TrustedRealm consumers = TrustedRealm.local(RealmKind.ZARU_CONSUMER, ISSUER, AUDIENCE,
                new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
        verifier = JwtCredentialVerifier.builder().realm(consumers)
                .verifiedTokenCache(0, Duration.ofMinutes(5)).build();

        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(USER)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2))))
                .jwtID("bench-cold")
                .claim(JwtCredentialVerifier.CLAIM_TIER, "Pro")
                .claim(JwtCredentialVerifier.CLAIM_TENANT, "u-" + USER)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        jwt.sign(signer);
        token = jwt.serialize();
        credential = MyzaruJWT.of(token);

        verifier.verify(credential);
        if (verifier.cachedTokens() != 0) {
            throw new IllegalStateException("the verified-token cache must be off for a cold check");
        }
    }

    @Benchmark
    public VerifiedCredential verifier() {
        return verifier.verify(credential);
    }

    @Benchmark
    public boolean nimbusVerifyOnly() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("the benchmark token must verify");
        }
        return true;
    }

    @Benchmark
    public JWTClaimsSet nimbusVerifyAndClaims() throws ParseException, JOSEException {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("the benchmark token must verify");
        }
        return jwt.getJWTClaimsSet();
    }
}
