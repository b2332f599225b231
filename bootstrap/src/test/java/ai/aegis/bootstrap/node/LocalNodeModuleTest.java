package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalNodeModuleTest {

    @TempDir
    Path data;

    @Test
    void create_noSettings_defaultCapacityAndNoModel() {
        try (LocalNodeModule module = LocalNodeModule.create(Map.of(), data, Instant::now)) {
            assertThat(module.node().capacity()).isEqualTo(LocalNodeModule.DEFAULT_CAPACITY);
            assertThat(module.model().isConfigured()).isFalse();
        }
    }

    @Test
    void create_modelAndCapacitySet_used() {
        try (LocalNodeModule module = LocalNodeModule.create(Map.of("AEGIS_MODEL_BASE_URL", "http://127.0.0.1:1/v1",
                "AEGIS_MODEL_NAME", "m", "AEGIS_NODE_CAPACITY", "4"), data, Instant::now)) {
            assertThat(module.node().capacity()).isEqualTo(4);
            assertThat(module.model().isConfigured()).isTrue();
        }
    }

    @Test
    void create_badCapacity_refusedNamingTheSetting() {
        assertThatThrownBy(() -> LocalNodeModule.create(Map.of("AEGIS_NODE_CAPACITY", "many"), data, Instant::now))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("node.invalid_capacity"))
                .hasMessageContaining("AEGIS_NODE_CAPACITY");
    }
}
