package ai.aegis.bootstrap.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.security.ToolPattern;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentJobTest {

    @Test
    void networkGranted_agentRuntimeContext_grantsTheNetwork() {
        assertThat(AgentJob.networkGranted(BuiltInContexts.AGENT_RUNTIME)).isTrue();
    }

    @Test
    void networkGranted_contextWithoutWebTools_keepsTheNetworkOff() {
        SecurityContext filesOnly = SecurityContext.of(SecurityContextName.of("tenant-acme-files"),
                List.of(Capability.of("fs.*"), Capability.of("cmd.run")), List.of());

        assertThat(AgentJob.networkGranted(filesOnly)).isFalse();
    }

    @Test
    void networkGranted_webDenied_keepsTheNetworkOff() {
        SecurityContext denied = SecurityContext.of(SecurityContextName.of("tenant-acme-noweb"),
                List.of(Capability.of("*")), List.of(ToolPattern.of("web.*")));

        assertThat(AgentJob.networkGranted(denied)).isFalse();
    }

    @Test
    void parse_runtimeNames_acceptedCaseInsensitivelyAndUnknownRefused() {
        assertThat(AgentRuntime.parse("Python3")).isEqualTo(AgentRuntime.PYTHON);
        assertThat(AgentRuntime.parse("javascript")).isEqualTo(AgentRuntime.NODE);
        assertThatThrownBy(() -> AgentRuntime.parse("cobol"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.code()).isEqualTo("runtime.unknown"))
                .hasMessageContaining("python, sh, bash, node");
    }
}
