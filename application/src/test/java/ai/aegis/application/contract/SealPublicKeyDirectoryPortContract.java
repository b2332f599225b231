package ai.aegis.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every SEAL public-key directory promises: publish, find while valid, extend but never shorten. */
public abstract class SealPublicKeyDirectoryPortContract {

    private static final Instant NOW = ContractFixtures.NOW;
    private static final String JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"kid\":\"k1\"}";

    private SealPublicKeyDirectoryPort directory;

    protected abstract SealPublicKeyDirectoryPort newDirectory();

    @BeforeEach
    void setUpDirectory() {
        directory = newDirectory();
    }

    @Test
    void publish_thenFind_answersTheJwkUntilValidUntil() {
        directory.publish("k1", JWK, NOW.plusSeconds(60));

        assertThat(directory.find("k1", NOW)).contains(JWK);
        assertThat(directory.find("k1", NOW.plusSeconds(59))).contains(JWK);
        assertThat(directory.find("k1", NOW.plusSeconds(60))).isEmpty();
        assertThat(directory.find("k2", NOW)).isEmpty();
    }

    @Test
    void publishAgain_laterInstant_extends_earlierInstant_neverShortens() {
        directory.publish("k1", JWK, NOW.plusSeconds(60));
        directory.publish("k1", JWK, NOW.plusSeconds(120));
        directory.publish("k1", JWK, NOW.plusSeconds(10));

        assertThat(directory.find("k1", NOW.plusSeconds(100))).contains(JWK);
    }

    @Test
    void valid_listsOnlyKeysStillValid() {
        directory.publish("k1", JWK, NOW.plusSeconds(60));
        directory.publish("k2", JWK.replace("k1", "k2"), NOW.plusSeconds(5));

        assertThat(directory.valid(NOW)).hasSize(2);
        assertThat(directory.valid(NOW.plusSeconds(30))).containsExactly(JWK);
    }
}
