package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Proves the shipped realm exports ({@code adapters-identity/keycloak/*.json}) against a real
 * Keycloak: tokens from the password grant verify with {@link JwtCredentialVerifier} into the
 * expected identities. Opt-in: set {@code AEGIS_KEYCLOAK_HOME} to an unpacked
 * {@code org.keycloak:keycloak-quarkus-dist} (26.x) that may be used as scratch space (its
 * {@code data/import} receives the two realms plus test users; the database is in memory).
 */
@EnabledIfEnvironmentVariable(named = "AEGIS_KEYCLOAK_HOME", matches = ".+")
class KeycloakRealmExportTest {

    private static final String TENANT = "u-0b6f5c1e-8d44-4a0e-b0f4-2c7e9d1a3b55";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process keycloak;
    private static String base;

    @BeforeAll
    static void startKeycloak() throws Exception {
        Path home = Path.of(System.getenv("AEGIS_KEYCLOAK_HOME"));
        Path imports = Files.createDirectories(home.resolve("data/import"));
        writeRealm(Path.of("keycloak/zaru-consumer-realm.json"), imports, Map.of(
                "username", "alice", "enabled", true, "email", "alice@example.com", "emailVerified", true,
                "firstName", "Alice", "lastName", "Zaru",
                "attributes", Map.of("zaru_tier", List.of("Pro"), "tenant_id", List.of(TENANT)),
                "credentials", List.of(Map.of("type", "password", "value", "alice-pass", "temporary", false))));
        writeRealm(Path.of("keycloak/aegis-system-realm.json"), imports, Map.of(
                "username", "sre", "enabled", true, "email", "sre@example.com", "emailVerified", true,
                "firstName", "Site", "lastName", "Reliability",
                "realmRoles", List.of("aegis:readonly", "aegis:admin", "offline_access"),
                "credentials", List.of(Map.of("type", "password", "value", "sre-pass", "temporary", false))));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        keycloak = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--db=dev-mem", "--http-port=" + port, "--http-host=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("keycloak", ".log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (status(base + "/realms/aegis-system/.well-known/openid-configuration") == 200
                    && status(base + "/realms/zaru-consumer/.well-known/openid-configuration") == 200) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Keycloak did not become ready within 3 minutes");
    }

    @AfterAll
    static void stopKeycloak() throws InterruptedException {
        if (keycloak != null) {
            List<ProcessHandle> children = new ArrayList<>(keycloak.descendants().toList());
            children.forEach(ProcessHandle::destroy);
            keycloak.destroy();
            keycloak.waitFor();
        }
    }

    @Test
    void passwordGrantTokens_fromShippedRealms_verifyIntoExpectedIdentities() throws Exception {
        JwtCredentialVerifier verifier = JwtCredentialVerifier.builder()
                .realm(TrustedRealm.remote(RealmKind.ZARU_CONSUMER, base + "/realms/zaru-consumer",
                        new URL(base + "/realms/zaru-consumer/protocol/openid-connect/certs"), "aegis",
                        JwtCredentialVerifierTest.TEST_SETTINGS))
                .realm(TrustedRealm.remote(RealmKind.AEGIS_SYSTEM, base + "/realms/aegis-system",
                        new URL(base + "/realms/aegis-system/protocol/openid-connect/certs"), "aegis",
                        JwtCredentialVerifierTest.TEST_SETTINGS))
                .build();

        Identity consumer = verifier.verify(token("zaru-consumer", "zaru-client", "alice", "alice-pass")).identity();
        Identity operator = verifier.verify(token("aegis-system", "aegis-cli", "sre", "sre-pass")).identity();

        assertThat(consumer).isInstanceOf(Identity.ZaruUser.class);
        assertThat(((Identity.ZaruUser) consumer).tier()).isEqualTo(ZaruTier.PRO);
        assertThat(((Identity.ZaruUser) consumer).tenantId()).isEqualTo(TenantId.of(TENANT));
        assertThat(((Identity.ZaruUser) consumer).userId()).isNotEqualTo(ZaruUserId.of("alice"));
        assertThat(operator).isInstanceOf(Identity.Operator.class);
        assertThat(((Identity.Operator) operator).role()).isEqualTo(AegisRole.ADMIN);
    }

    private static MyzaruJWT token(String realm, String client, String user, String password) throws Exception {
        String form = "grant_type=password&client_id=" + client + "&username=" + user + "&password=" + password
                + "&scope=openid";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("token endpoint of %s", realm).isEqualTo(200);
        return MyzaruJWT.of(JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token"));
    }

    private static void writeRealm(Path shipped, Path imports, Map<String, Object> user) throws Exception {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(shipped));
        realm.put("users", List.of(user));
        Files.writeString(imports.resolve(shipped.getFileName()), JSONObjectUtils.toJSONString(realm));
    }

    private static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
