package ai.aegis.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.out.ModelApiKey;
import ai.aegis.application.port.out.UserModelKeyPort;
import ai.aegis.domain.identity.TenantId;
import org.junit.jupiter.api.Test;

/** What every {@link UserModelKeyPort} adapter must do. */
public abstract class UserModelKeyPortContract {

    protected abstract UserModelKeyPort newUserModelKeys();

    private static final TenantId TENANT = ContractFixtures.TENANT_A;
    private static final TenantId OTHER = ContractFixtures.TENANT_B;
    private static final ModelApiKey KEY = ModelApiKey.of("sk-user-own-key-0123456789");

    @Test
    void find_nothingStored_empty() {
        assertThat(newUserModelKeys().find(TENANT, "alice")).isEmpty();
    }

    @Test
    void save_thenFind_sameKeyForThatUserOnly() {
        UserModelKeyPort keys = newUserModelKeys();

        keys.save(TENANT, "alice", KEY);

        assertThat(keys.find(TENANT, "alice")).contains(KEY);
        assertThat(keys.find(TENANT, "bob")).isEmpty();
        assertThat(keys.find(OTHER, "alice")).isEmpty();
    }

    @Test
    void save_again_replacesTheKey() {
        UserModelKeyPort keys = newUserModelKeys();
        keys.save(TENANT, "alice", KEY);
        ModelApiKey rotated = ModelApiKey.of("sk-rotated-key-9876543210");

        keys.save(TENANT, "alice", rotated);

        assertThat(keys.find(TENANT, "alice")).contains(rotated);
    }

    @Test
    void remove_storedKey_trueAndGone() {
        UserModelKeyPort keys = newUserModelKeys();
        keys.save(TENANT, "alice", KEY);

        assertThat(keys.remove(TENANT, "alice")).isTrue();
        assertThat(keys.find(TENANT, "alice")).isEmpty();
        assertThat(keys.remove(TENANT, "alice")).isFalse();
    }

    @Test
    void remove_otherTenantsUser_leavesThisOne() {
        UserModelKeyPort keys = newUserModelKeys();
        keys.save(TENANT, "alice", KEY);

        assertThat(keys.remove(OTHER, "alice")).isFalse();
        assertThat(keys.find(TENANT, "alice")).contains(KEY);
    }
}
