package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.UserModelKeyPortContract;
import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The users' own model keys against PostgreSQL as the service's own role: ciphertext at rest, bound to its user. */
class UserModelKeyPersistenceAdapterTest extends UserModelKeyPortContract {

    @RegisterExtension
    static final PostgresDatabase DATABASE = PostgresDatabase.asServiceRole();

    private static final byte[] SECRETS_KEY = filled((byte) 7);
    private static final TenantId TENANT = TenantId.of("acme-labs");
    private static final ModelApiKey KEY = ModelApiKey.of("sk-live-very-secret-0123456789");

    @Override
    protected UserModelKeyPort newUserModelKeys() {
        DATABASE.owner().useHandle(h -> h.execute("TRUNCATE user_model_key"));
        return adapter(SECRETS_KEY);
    }

    @Test
    void save_storedRow_holdsNoPlaintext() {
        newUserModelKeys().save(TENANT, "alice", KEY);

        byte[] stored = DATABASE.owner().withHandle(h -> h.createQuery(
                "SELECT ciphertext FROM user_model_key WHERE tenant_id = 'acme-labs' AND subject = 'alice'")
                .mapTo(byte[].class).one());

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("very-secret");
        assertThat(stored.length).isGreaterThan(KEY.reveal().length());
    }

    @Test
    void find_rowCopiedToAnotherUser_refusedAsUnreadableNotAnswered() {
        newUserModelKeys().save(TENANT, "alice", KEY);
        DATABASE.owner().useHandle(h -> h.execute("""
                INSERT INTO user_model_key (tenant_id, subject, key_id, nonce, ciphertext)
                SELECT tenant_id, 'mallory', key_id, nonce, ciphertext FROM user_model_key WHERE subject = 'alice'"""));

        assertThatThrownBy(() -> adapter(SECRETS_KEY).find(TENANT, "mallory"))
                .isInstanceOf(DomainException.class)
                .hasMessageNotContaining("very-secret")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("model.byok_key_unreadable");
    }

    @Test
    void find_afterTheSecretsKeyChanged_refusedNamingTheSetting() {
        newUserModelKeys().save(TENANT, "alice", KEY);

        assertThatThrownBy(() -> adapter(filled((byte) 9)).find(TENANT, "alice"))
                .hasMessageContaining("AEGIS_SECRETS_KEY")
                .extracting(e -> ((DomainException) e).code()).isEqualTo("model.byok_key_unreadable");
    }

    private static UserModelKeyPort adapter(byte[] secretsKey) {
        return new UserModelKeyPersistenceAdapter(DATABASE.persistence().jdbi(), SecretCipher.of(secretsKey));
    }

    private static byte[] filled(byte value) {
        byte[] key = new byte[SecretCipher.KEY_BYTES];
        Arrays.fill(key, value);
        return key;
    }
}
