package ai.aegis.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId ACME = TenantId.of("acme-labs");
    private static final TenantId OTHER = TenantId.of("other-co");

    private static Node node(Set<TenantId> dedicated) {
        return Node.register(NodeId.of("node-1"), 4, Map.of("zone", "eu"), Set.of("python:3.12"), dedicated, NOW);
    }

    @Test
    void mayRun_dedicatedNode_onlyItsTenants() {
        Node dedicated = node(Set.of(ACME));

        assertThat(dedicated.mayRun(ACME, Set.of(ACME))).isTrue();
        assertThat(dedicated.mayRun(OTHER, Set.of(ACME))).isFalse();
    }

    @Test
    void mayRun_sharedNode_neverADedicatedTenantsWork() {
        Node shared = node(Set.of());

        assertThat(shared.mayRun(ACME, Set.of(ACME))).isFalse();
        assertThat(shared.mayRun(OTHER, Set.of(ACME))).isTrue();
    }

    @Test
    void isAliveAt_afterTtlWithoutHeartbeat_false() {
        Node node = node(Set.of());

        assertThat(node.isAliveAt(NOW.plusSeconds(29), Duration.ofSeconds(30))).isTrue();
        assertThat(node.isAliveAt(NOW.plusSeconds(30), Duration.ofSeconds(30))).isFalse();
        assertThat(node.heartbeatAt(NOW.plusSeconds(25)).isAliveAt(NOW.plusSeconds(50), Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void register_zeroCapacity_refused() {
        assertThatThrownBy(() -> Node.register(NodeId.of("n"), 0, Map.of(), Set.of(), Set.of(), NOW))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "node.capacity_invalid");
    }

    @Test
    void nodeId_withSpaces_refused() {
        assertThatThrownBy(() -> NodeId.of("a node"))
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "node.id_invalid");
    }
}
