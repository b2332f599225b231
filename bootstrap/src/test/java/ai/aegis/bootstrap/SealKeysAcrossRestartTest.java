package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted service still publishes (and so still verifies) the SEAL key of its previous run. */
class SealKeysAcrossRestartTest {

    @TempDir
    Path dataDirectory;

    private List<String> publishedKeyIds() throws Exception {
        try (AegisServer server = AegisServer.start(ServerSettings.local("127.0.0.1", 0, 0, dataDirectory),
                IdentitySettings.fromEnvironment(Map.of()))) {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.httpPort() + "/.well-known/seal-jwks.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return JWKSet.parse(body).getKeys().stream().map(JWK::getKeyID).toList();
        }
    }

    @Test
    void restart_sameDatabase_previousRunsKeyStillPublished() throws Exception {
        List<String> first = publishedKeyIds();
        List<String> second = publishedKeyIds();

        assertThat(first).hasSize(1);
        assertThat(second).hasSize(2).containsAll(first);
    }
}
