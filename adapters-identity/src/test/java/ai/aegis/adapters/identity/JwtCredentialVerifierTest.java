package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtCredentialVerifierTest {

    static final String CONSUMER_ISS = "http://127.0.0.1/realms/zaru-consumer";
    static final String OPERATOR_ISS = "http://127.0.0.1/realms/aegis-system";
    static final String AUDIENCE = "aegis";
    static final TenantId TENANT = TenantId.consumer(UUID.fromString("0b6f5c1e-8d44-4a0e-b0f4-2c7e9d1a3b55"));
    /** Nimbus's defaults with generous HTTP timeouts, so a busy build machine does not fail the first fetch. */
    static final JwksSettings TEST_SETTINGS = new JwksSettings(Duration.ofMinutes(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(5),
            Duration.ofSeconds(5), 51_200);

    private final MutableClock clock = new MutableClock(Instant.now());
    private JwksTestServer server;
    private JwtCredentialVerifier verifier;

    @BeforeEach
    void setUp() {
        server = new JwksTestServer();
        server.publish(List.of(TestKeys.RSA, TestKeys.EC, TestKeys.ED));
        verifier = verifier(TEST_SETTINGS, 0);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private static JwksSettings shortCache(Duration outageTolerance) {
        return new JwksSettings(Duration.ofMillis(600), Duration.ofMillis(200), Duration.ofMillis(100),
                Duration.ofMillis(100), outageTolerance, Duration.ofSeconds(5), Duration.ofSeconds(5), 51_200);
    }

    private JwtCredentialVerifier verifier(JwksSettings settings, int cacheEntries) {
        return JwtCredentialVerifier.builder()
                .realm(TrustedRealm.remote(RealmKind.ZARU_CONSUMER, CONSUMER_ISS, server.url(), AUDIENCE, settings))
                .realm(TrustedRealm.remote(RealmKind.AEGIS_SYSTEM, OPERATOR_ISS, server.url(), AUDIENCE, settings))
                .clock(clock)
                .verifiedTokenCache(cacheEntries, Duration.ofMinutes(5))
                .build();
    }

    JWTClaimsSet.Builder consumer() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(CONSUMER_ISS).audience(List.of(AUDIENCE, "account"))
                .subject("user-1").claim("zaru_tier", "Pro").claim("tenant_id", TENANT.value())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    JWTClaimsSet.Builder operator() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(OPERATOR_ISS).audience(AUDIENCE).subject("sre-1")
                .claim("aegis_role", List.of("offline_access", "aegis:operator", "aegis-admin", "uma_authorization"))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static JWTClaimsSet edit(JWTClaimsSet.Builder builder, UnaryOperator<JWTClaimsSet.Builder> change) {
        return change.apply(builder).build();
    }

    private VerifiedCredential verify(String token) {
        return verifier.verify(MyzaruJWT.of(token));
    }

    private void assertRefused(String token, String code) {
        assertThatThrownBy(() -> verify(token))
                .isInstanceOf(UnauthenticatedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }

    @Test
    void verify_consumerTokenOfEachAllowedAlgorithm_yieldsZaruUser() {
        for (JWK key : List.of(TestKeys.RSA, TestKeys.EC, TestKeys.ED)) {
            VerifiedCredential verified = verify(TestKeys.sign(key, consumer().build()));

            assertThat(verified.identity())
                    .isEqualTo(new Identity.ZaruUser(ZaruUserId.of("user-1"), TENANT, ZaruTier.PRO));
        }
    }

    @Test
    void verify_operatorRoleList_takesHighestAegisRoleIgnoringOthers() {
        VerifiedCredential verified = verify(TestKeys.sign(TestKeys.RSA, operator().build()));

        assertThat(verified.identity()).isEqualTo(new Identity.Operator("sre-1", AegisRole.ADMIN));
    }

    @Test
    void verify_operatorRoleString_realmRoleSpellingAccepted() {
        VerifiedCredential verified = verify(TestKeys.sign(TestKeys.ED,
                edit(operator(), b -> b.claim("aegis_role", "aegis:readonly"))));

        assertThat(verified.identity()).isEqualTo(new Identity.Operator("sre-1", AegisRole.READONLY));
    }

    @Test
    void verify_tierClaimAnyCase_parsed() {
        VerifiedCredential verified = verify(TestKeys.sign(TestKeys.EC,
                edit(consumer(), b -> b.claim("zaru_tier", "ENTERPRISE"))));

        assertThat(((Identity.ZaruUser) verified.identity()).tier()).isEqualTo(ZaruTier.ENTERPRISE);
    }

    @Test
    void verify_signedByAnotherKeyUnderPublishedKid_refusedAsBadSignature() {
        RSAKey impostor = TestKeys.rsa("rsa-1");

        assertRefused(TestKeys.sign(impostor, consumer().build()), "token.signature_invalid");
    }

    @Test
    void verify_tamperedClaims_refusedAsBadSignature() {
        String token = TestKeys.sign(TestKeys.RSA, consumer().build());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + edit(consumer(), b -> b.claim("zaru_tier", "Enterprise")).toPayload()
                .toBase64URL() + "." + parts[2];

        assertRefused(forged, "token.signature_invalid");
    }

    @Test
    void verify_algNone_refused() {
        assertRefused(TestKeys.unsigned(consumer().build()), "token.alg_none");
    }

    @Test
    void verify_hmacSignedWithPublicKeyAsSecret_refused() {
        byte[] secret = TestKeys.RSA.toPublicJWK().toJSONString().getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertRefused(TestKeys.signHmac("rsa-1", secret, consumer().build()), "token.alg_hmac");
    }

    @Test
    void verify_algorithmOutsideAllowList_refused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS384).keyID("rsa-1").build();

        assertRefused(TestKeys.sign(TestKeys.RSA, header, consumer().build()), "token.alg_not_allowed");
    }

    @Test
    void verify_algorithmDoesNotFitKeyType_refusedAsKeyTypeMismatch() {
        JWSHeader esOnRsaKid = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("rsa-1").build();
        JWSHeader edOnEcKid = new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ec-1").build();

        assertRefused(TestKeys.sign(TestKeys.EC, esOnRsaKid, consumer().build()), "token.key_type_mismatch");
        assertRefused(TestKeys.sign(TestKeys.ED, edOnEcKid, consumer().build()), "token.key_type_mismatch");
    }

    @Test
    void verify_kidNamesEncryptionKeyOrKeyPinnedToOtherAlg_refusedAsKeyTypeMismatch() {
        RSAKey encryption = new RSAKey.Builder(TestKeys.rsa("enc-1")).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).build();
        RSAKey pinned = new RSAKey.Builder(TestKeys.rsa("rs512-1")).algorithm(JWSAlgorithm.RS512).build();
        server.publish(List.of(TestKeys.RSA, encryption, pinned));

        assertRefused(TestKeys.sign(encryption, consumer().build()), "token.key_type_mismatch");
        assertRefused(TestKeys.sign(pinned, consumer().build()), "token.key_type_mismatch");
    }

    @Test
    void verify_unknownKid_refusedAfterOneRefetchAndRefetchIsRateLimited() {
        String ghost = TestKeys.sign(TestKeys.rsa("ghost"), consumer().build());
        String ghost2 = TestKeys.sign(TestKeys.rsa("ghost-2"), consumer().build());

        assertRefused(ghost, "token.kid_unknown");
        assertThat(server.requests()).isEqualTo(2);
        assertRefused(ghost2, "token.kid_unknown");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void verify_missingKid_refused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).build();

        assertRefused(TestKeys.sign(TestKeys.RSA, header, consumer().build()), "token.kid_missing");
    }

    @Test
    void verify_keyLocatingHeaders_refusedEachWithOwnCode() {
        JWSHeader jku = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .jwkURL(URI.create("https://attacker.invalid/jwks.json")).build();
        JWSHeader x5u = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .x509CertURL(URI.create("https://attacker.invalid/cert.pem")).build();
        JWSHeader jwk = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .jwk(TestKeys.RSA.toPublicJWK()).build();
        JWSHeader x5c = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .x509CertChain(List.of(Base64.encode("not a certificate"))).build();

        assertRefused(TestKeys.sign(TestKeys.RSA, jku, consumer().build()), "token.header_jku");
        assertRefused(TestKeys.sign(TestKeys.RSA, x5u, consumer().build()), "token.header_x5u");
        assertRefused(TestKeys.sign(TestKeys.RSA, jwk, consumer().build()), "token.header_jwk");
        assertRefused(TestKeys.sign(TestKeys.RSA, x5c, consumer().build()), "token.header_x5c");
    }

    @Test
    void verify_unknownCriticalHeader_refused() {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1")
                .criticalParams(Set.of("urn:example:policy")).customParam("urn:example:policy", "strict").build();

        assertRefused(TestKeys.sign(TestKeys.RSA, header, consumer().build()), "token.crit_unknown");
    }

    @Test
    void verify_expiredBeyondSkew_refusedButWithinSkewAccepted() {
        Instant now = clock.instant();
        String expired = TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.expirationTime(Date.from(now.minusSeconds(31)))));
        String justExpired = TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.expirationTime(Date.from(now.minusSeconds(10)))));

        assertRefused(expired, "token.expired");
        assertThat(verify(justExpired).identity().subject()).isEqualTo("user-1");
    }

    @Test
    void verify_missingExpiry_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.expirationTime(null))), "token.expiry_missing");
    }

    @Test
    void verify_notYetValid_refused() {
        Instant now = clock.instant();

        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.notBeforeTime(Date.from(now.plusSeconds(60))))),
                "token.not_yet_valid");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.issueTime(Date.from(now.plusSeconds(60))))),
                "token.not_yet_valid");
    }

    @Test
    void verify_wrongIssuer_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.issuer("http://127.0.0.1/realms/other"))),
                "token.issuer_unknown");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.issuer(null))), "token.issuer_unknown");
    }

    @Test
    void verify_wrongAudience_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.audience("another-service"))),
                "token.audience_invalid");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.audience((String) null))),
                "token.audience_invalid");
    }

    @Test
    void verify_tierMissingOrUnknown_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("zaru_tier", null))), "token.tier_missing");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("zaru_tier", "Platinum"))),
                "token.tier_unknown");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("zaru_tier", List.of("Pro")))),
                "token.tier_unknown");
    }

    @Test
    void verify_roleMissingOrUnknown_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.claim("aegis_role", null))), "token.role_missing");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.claim("aegis_role", List.of("offline_access")))),
                "token.role_unknown");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.claim("aegis_role", "superuser"))),
                "token.role_unknown");
    }

    @Test
    void verify_consumerTenantMissingOrNotPerUser_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("tenant_id", null))), "token.tenant_missing");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("tenant_id", "acme-labs"))),
                "token.tenant_invalid");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("tenant_id", "u-not-a-uuid"))),
                "token.tenant_invalid");
    }

    @Test
    void verify_missingSubject_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.subject(null))), "token.subject_invalid");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.subject(null))), "token.subject_invalid");
    }

    @Test
    void verify_claimsOfTheOtherRealm_refused() {
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(consumer(), b -> b.claim("aegis_role", "admin"))),
                "token.consumer_has_operator_claims");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.claim("zaru_tier", "Enterprise"))),
                "token.operator_has_consumer_claims");
        assertRefused(TestKeys.sign(TestKeys.RSA, edit(operator(), b -> b.claim("tenant_id", TENANT.value()))),
                "token.operator_has_consumer_claims");
    }

    @Test
    void verify_keyRotatedAtProvider_newKidAcceptedAfterRefetch() {
        server.publish(List.of(TestKeys.RSA));
        verify(TestKeys.sign(TestKeys.RSA, consumer().build()));
        RSAKey rotated = TestKeys.rsa("rsa-2");
        server.publish(List.of(TestKeys.RSA, rotated));

        VerifiedCredential verified = verify(TestKeys.sign(rotated, consumer().build()));

        assertThat(verified.identity().subject()).isEqualTo("user-1");
        assertThat(server.requests()).isEqualTo(2);
    }

    @Test
    void verify_providerDownAfterCacheExpiry_outageTolerantKeysStillAccepted() throws InterruptedException {
        JwksSettings shortCache = shortCache(Duration.ofHours(1));
        verifier = verifier(shortCache, 0);
        verify(TestKeys.sign(TestKeys.RSA, consumer().build()));
        server.stop();
        Thread.sleep(900);

        VerifiedCredential verified = verify(TestKeys.sign(TestKeys.RSA, consumer().jwtID("second").build()));

        assertThat(verified.identity().subject()).isEqualTo("user-1");
    }

    @Test
    void verify_providerDownWithoutOutageTolerance_refusedAsUnavailable() throws InterruptedException {
        JwksSettings shortCache = shortCache(Duration.ZERO);
        verifier = verifier(shortCache, 0);
        verify(TestKeys.sign(TestKeys.RSA, consumer().build()));
        server.stop();
        Thread.sleep(900);

        assertThatThrownBy(() -> verify(TestKeys.sign(TestKeys.RSA, consumer().jwtID("second").build())))
                .isInstanceOf(UnavailableException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("identity.jwks_unavailable");
    }
}
