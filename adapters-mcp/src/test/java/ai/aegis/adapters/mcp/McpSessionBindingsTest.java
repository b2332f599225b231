package ai.aegis.adapters.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class McpSessionBindingsTest {

    private static Identity user(String name, ZaruTier tier) {
        return Identity.zaruUser(ZaruUserId.of(name), TenantId.consumer(UUID.nameUUIDFromBytes(name.getBytes())), tier);
    }

    @Test
    void admit_unboundSession_bindsItToTheFirstCaller() {
        McpSessionBindings bindings = new McpSessionBindings();

        assertThat(bindings.admit("s-1", user("alice", ZaruTier.PRO))).isTrue();
        assertThat(bindings.admit("s-1", user("bob", ZaruTier.PRO))).isFalse();
        assertThat(bindings.admit("s-1", user("alice", ZaruTier.PRO))).isTrue();
    }

    @Test
    void admit_ownerWhoseTierChanged_isStillTheOwner() {
        McpSessionBindings bindings = new McpSessionBindings();
        bindings.admit("s-1", user("alice", ZaruTier.FREE));

        assertThat(bindings.admit("s-1", user("alice", ZaruTier.BUSINESS))).isTrue();
    }

    @Test
    void admit_operatorWithTheUsersSubject_isAnotherOwner() {
        McpSessionBindings bindings = new McpSessionBindings();
        bindings.admit("s-1", user("alice", ZaruTier.PRO));

        assertThat(bindings.admit("s-1", Identity.operator("alice", AegisRole.ADMIN))).isFalse();
    }

    @Test
    void admit_beyondTheBound_forgetsTheLeastRecentlyUsedAndKeepsTheRecent() throws InterruptedException {
        McpSessionBindings bindings = new McpSessionBindings(10);
        for (int i = 0; i < 10; i++) {
            bindings.admit("s-" + i, user("alice", ZaruTier.PRO));
            Thread.sleep(1);
        }
        bindings.admit("s-0", user("alice", ZaruTier.PRO));

        bindings.admit("s-new", user("alice", ZaruTier.PRO));

        assertThat(bindings.size()).isLessThanOrEqualTo(10);
        assertThat(bindings.admit("s-0", user("bob", ZaruTier.PRO))).as("recently used: still bound").isFalse();
        assertThat(bindings.admit("s-new", user("bob", ZaruTier.PRO))).as("just bound").isFalse();
        assertThat(bindings.admit("s-1", user("bob", ZaruTier.PRO))).as("least recently used: forgotten").isTrue();
    }

    @Test
    void admit_manyThreadsRacingForOneSession_exactlyOneOwnerWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                McpSessionBindings bindings = new McpSessionBindings();
                String session = "race-" + round;
                List<Future<Boolean>> claims = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    Identity claimant = user("user-" + t, ZaruTier.PRO);
                    claims.add(threads.submit(() -> bindings.admit(session, claimant)));
                }
                int winners = 0;
                for (Future<Boolean> claim : claims) {
                    winners += claim.get() ? 1 : 0;
                }
                assertThat(winners).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
