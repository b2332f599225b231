package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.limits.LimitOverrides;
import org.junit.jupiter.api.Test;

/** The identity nodes act as: the owner, with the tier recovered from the root's budget, never more. */
class ExecutionActorsTest {

    private final ServiceFixture f = new ServiceFixture();
    private final ExecutionActors actors = new ExecutionActors(f.executionStore, f.overrides);

    private Execution rootOf(Identity.ZaruUser owner) {
        return f.executions.start(new StartRootExecutionCommand(owner, f.conversation(owner, ConversationMode.AGENTIC).id()));
    }

    @Test
    void ownerOf_eachTier_recoveredFromTheRootsBudget() {
        for (ZaruTier tier : ZaruTier.values()) {
            Identity.ZaruUser owner = user("owner-" + tier.name(), tier);

            assertThat(actors.ownerOf(rootOf(owner))).isEqualTo(owner);
        }
    }

    @Test
    void ownerOf_overridesChangedSinceTheRootStarted_mostRestrictiveTier() {
        Identity.ZaruUser owner = user("changed", ZaruTier.BUSINESS);
        Execution root = rootOf(owner);
        f.overrides.setUser(owner.tenantId(), owner.subject(), LimitOverrides.none().withMaxIterations(3));

        assertThat(actors.ownerOf(root)).isEqualTo(new Identity.ZaruUser(owner.userId(), owner.tenantId(), ZaruTier.FREE));
    }
}
