package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevelopmentIdentityProviderTest {

    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"));

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));

    private DevelopmentIdentityProvider open() {
        return DevelopmentIdentityProvider.openOrCreate(dataDir, "http://127.0.0.1:8080", "aegis", clock);
    }

    private JwtCredentialVerifier inProcessVerifier(DevelopmentIdentityProvider idp) {
        return JwtCredentialVerifier.builder().realm(idp.consumerRealm()).realm(idp.operatorRealm()).clock(clock).build();
    }

    @Test
    void openOrCreate_firstRun_writesOwnerOnlyKeyFileAndReopensSameKey() throws Exception {
        DevelopmentIdentityProvider first = open();

        Path keyFile = dataDir.resolve(DevelopmentIdentityProvider.KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(open().jwksJson()).isEqualTo(first.jwksJson());
        assertThat(first.keyFile()).isEqualTo(keyFile);
    }

    @Test
    void jwksJson_publishesOnlyThePublicKey() throws Exception {
        JWKSet set = JWKSet.parse(open().jwksJson());

        assertThat(set.getKeys()).hasSize(1);
        assertThat(set.getKeys().get(0).isPrivate()).isFalse();
        assertThat(open().jwksJson()).doesNotContain("\"d\"");
    }

    @Test
    void mintConsumer_verifiedInProcess_yieldsThatConsumer() {
        DevelopmentIdentityProvider idp = open();
        MyzaruJWT token = idp.mintConsumer(ZaruTier.BUSINESS, ZaruUserId.of("dev-user"), TENANT, Duration.ofHours(1));

        Identity identity = inProcessVerifier(idp).verify(token).identity();

        assertThat(identity).isEqualTo(new Identity.ZaruUser(ZaruUserId.of("dev-user"), TENANT, ZaruTier.BUSINESS));
        assertThat(idp.consumerIssuer()).isEqualTo("http://127.0.0.1:8080/dev-idp/zaru-consumer");
    }

    @Test
    void mintOperator_verifiedOverHttpJwks_yieldsThatOperator() {
        DevelopmentIdentityProvider idp = open();
        try (JwksTestServer server = new JwksTestServer()) {
            server.publish(com.nimbusds.jose.jwk.JWKSet.parse(idp.jwksJson()).getKeys());
            JwtCredentialVerifier verifier = JwtCredentialVerifier.builder()
                    .realm(TrustedRealm.remote(RealmKind.AEGIS_SYSTEM, idp.operatorIssuer(), server.url(), "aegis",
                            JwtCredentialVerifierTest.TEST_SETTINGS))
                    .clock(clock).build();

            Identity identity = verifier.verify(idp.mintOperator(AegisRole.OPERATOR, "ops-1", Duration.ofMinutes(5)))
                    .identity();

            assertThat(identity).isEqualTo(new Identity.Operator("ops-1", AegisRole.OPERATOR));
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void mintedToken_afterTtl_refusedAsExpired() {
        DevelopmentIdentityProvider idp = open();
        MyzaruJWT token = idp.mintConsumer(ZaruTier.FREE, ZaruUserId.of("dev-user"), TENANT, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(2));

        assertThatThrownBy(() -> inProcessVerifier(idp).verify(token))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("token.expired");
    }

    @Test
    void openOrCreate_keyReadableByOthers_refused() throws Exception {
        open();
        Files.setPosixFilePermissions(dataDir.resolve(DevelopmentIdentityProvider.KEY_FILE),
                PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(this::open).isInstanceOf(PreconditionFailedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("devidp.key_exposed");
    }

    @Test
    void openOrCreate_damagedKeyFile_refused() throws Exception {
        open();
        Files.writeString(dataDir.resolve(DevelopmentIdentityProvider.KEY_FILE), "{not json");

        assertThatThrownBy(this::open).isInstanceOf(PreconditionFailedException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("devidp.key_unreadable");
    }

    @Test
    void toString_neverShowsTheKey() throws Exception {
        DevelopmentIdentityProvider idp = open();
        String d = com.nimbusds.jose.jwk.OctetKeyPair.parse(
                Files.readString(dataDir.resolve(DevelopmentIdentityProvider.KEY_FILE))).getD().toString();

        assertThat(idp.toString()).doesNotContain(d);
    }
}
