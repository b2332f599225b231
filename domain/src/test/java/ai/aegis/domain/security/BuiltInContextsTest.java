package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every built-in context's tool set, checked against DESIGN.md §4 written out independently here. */
class BuiltInContextsTest {

    /** DESIGN.md §4 consumer set, spelled out by hand (not derived from the catalog). */
    static final Set<String> CONSUMER_SET = Set.of(
            "web.search", "web.fetch",
            "aegis.schema.get", "aegis.schema.validate",
            "aegis.agent.list", "aegis.agent.search", "aegis.agent.export", "aegis.agent.generate", "aegis.agent.logs",
            "aegis.agent.wait",
            "aegis.workflow.list", "aegis.workflow.search", "aegis.workflow.export", "aegis.workflow.run",
            "aegis.workflow.generate", "aegis.workflow.logs", "aegis.workflow.cancel", "aegis.workflow.wait",
            "aegis.workflow.signal",
            "aegis.task.execute", "aegis.task.status", "aegis.task.list", "aegis.task.wait", "aegis.task.cancel",
            "aegis.task.logs",
            "aegis.execute.intent", "aegis.execute.status",
            "aegis.tools.list", "aegis.tools.search",
            "aegis.runtime.list",
            "aegis.volume.create", "aegis.volume.list", "aegis.volume.delete", "aegis.volume.quota",
            "aegis.audit.list");

    static final Set<String> OPERATOR_ADDITIONS = Set.of(
            "aegis.agent.create", "aegis.agent.update", "aegis.agent.delete",
            "aegis.workflow.create", "aegis.workflow.update", "aegis.workflow.delete",
            "aegis.task.remove", "aegis.system.info", "aegis.system.config",
            "aegis.user.list", "aegis.user.get", "aegis.user.update",
            "aegis.tenant.list", "aegis.tenant.get", "aegis.tenant.update",
            "aegis.volume.list_all", "aegis.volume.purge");

    static final Set<String> AGENT_RUNTIME_SET = Set.of(
            "fs.read", "fs.list", "fs.write", "fs.delete", "cmd.run", "web.search", "web.fetch",
            "aegis.agent.list", "aegis.agent.search", "aegis.agent.export", "aegis.agent.logs", "aegis.agent.wait",
            "aegis.workflow.list", "aegis.workflow.search", "aegis.workflow.export", "aegis.workflow.logs",
            "aegis.workflow.wait",
            "aegis.task.status", "aegis.task.list", "aegis.task.wait", "aegis.task.logs", "aegis.task.execute",
            "aegis.execute.intent", "aegis.execute.status",
            "aegis.schema.get", "aegis.schema.validate",
            "aegis.tools.list", "aegis.tools.search",
            "aegis.runtime.list", "aegis.volume.list");

    static Set<String> granted(SecurityContext context) {
        Set<String> names = new TreeSet<>();
        for (ToolDescriptor tool : ToolCatalog.all()) {
            if (context.decide(tool.name()).allowed()) {
                names.add(tool.name());
            }
        }
        return names;
    }

    static Set<String> minus(Set<String> set, String removed) {
        Set<String> copy = new TreeSet<>(set);
        copy.remove(removed);
        return copy;
    }

    @Test
    void zaruFree_grantsConsumerSetWithoutWorkflowSignal() {
        assertThat(granted(BuiltInContexts.ZARU_FREE)).containsExactlyInAnyOrderElementsOf(
                minus(CONSUMER_SET, "aegis.workflow.signal"));
        assertThat(BuiltInContexts.ZARU_FREE.decide("aegis.workflow.signal").allowed()).isFalse();
    }

    @Test
    void paidTiers_grantIdenticalFullConsumerSet() {
        for (SecurityContext paid : List.of(BuiltInContexts.ZARU_PRO, BuiltInContexts.ZARU_BUSINESS,
                BuiltInContexts.ZARU_ENTERPRISE)) {
            assertThat(granted(paid)).as(paid.name().value()).containsExactlyInAnyOrderElementsOf(CONSUMER_SET);
        }
    }

    @ParameterizedTest
    @EnumSource(ZaruTier.class)
    void consumerContexts_neverGrantCreateUpdateDeleteOrOperatorTools(ZaruTier tier) {
        SecurityContext context = BuiltInContexts.forTier(tier);
        for (String tool : OPERATOR_ADDITIONS) {
            assertThat(context.decide(tool).allowed()).as(tool).isFalse();
        }
        for (String tool : List.of("fs.read", "fs.write", "cmd.run")) {
            assertThat(context.decide(tool).allowed()).as(tool).isFalse();
        }
    }

    @Test
    void operatorContext_grantsConsumerSetPlusOperatorTools() {
        Set<String> expected = new TreeSet<>(CONSUMER_SET);
        expected.addAll(OPERATOR_ADDITIONS);

        assertThat(granted(BuiltInContexts.OPERATOR)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void agentRuntime_grantsWorkspaceFilesCommandsWebAndReadExecutionTools() {
        assertThat(granted(BuiltInContexts.AGENT_RUNTIME)).containsExactlyInAnyOrderElementsOf(AGENT_RUNTIME_SET);
        assertThat(BuiltInContexts.AGENT_RUNTIME.capabilities().get(0).pathAllowlist().orElseThrow())
                .containsExactly(AbsolutePath.parse("/workspace"));
    }

    @Test
    void agentRuntime_grantsNoCreateUpdateDeleteOfAegisObjects() {
        for (ToolDescriptor tool : ToolCatalog.all()) {
            boolean aegisMutation = tool.name().startsWith("aegis.") && tool.nature() != ToolNature.READ
                    && tool.nature() != ToolNature.EXECUTE;
            if (aegisMutation) {
                assertThat(BuiltInContexts.AGENT_RUNTIME.decide(tool.name()).allowed()).as(tool.name()).isFalse();
            }
        }
    }

    @Test
    void catalog_listsEveryToolOfEveryContextAndNothingElse() {
        Set<String> union = new TreeSet<>(CONSUMER_SET);
        union.addAll(OPERATOR_ADDITIONS);
        union.addAll(AGENT_RUNTIME_SET);
        List<String> names = new ArrayList<>();
        ToolCatalog.all().forEach(tool -> names.add(tool.name()));

        assertThat(names).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(union);
    }

    @Test
    void forIdentity_consumerAndOperator_mapToTierAndOperatorContexts() {
        Identity.ZaruUser free = Identity.zaruUser(ZaruUserId.of("u1"), TenantId.consumer(UUID.randomUUID()), ZaruTier.FREE);
        Identity.Operator operator = Identity.operator("ops", AegisRole.READONLY);

        assertThat(BuiltInContexts.forIdentity(free).name().value()).isEqualTo("zaru-free");
        assertThat(BuiltInContexts.forIdentity(operator).name()).isEqualTo(SecurityContextName.OPERATOR);
        for (ZaruTier tier : ZaruTier.values()) {
            Identity.ZaruUser user = Identity.zaruUser(ZaruUserId.of("u1"), TenantId.consumer(UUID.randomUUID()), tier);
            assertThat(BuiltInContexts.forIdentity(user).name()).isEqualTo(SecurityContextName.forIdentity(user));
        }
    }

    @Test
    void find_builtInName_returnsContext() {
        assertThat(BuiltInContexts.find(SecurityContextName.AGENT_RUNTIME)).contains(BuiltInContexts.AGENT_RUNTIME);
        assertThat(BuiltInContexts.find(SecurityContextName.of("zaru-unknown"))).isEmpty();
    }

    @Test
    void catalog_readOnlyAndDestructiveFlags_followNature() {
        assertThat(ToolCatalog.find("aegis.agent.list").orElseThrow().readOnly()).isTrue();
        assertThat(ToolCatalog.find("aegis.agent.delete").orElseThrow().destructive()).isTrue();
        assertThat(ToolCatalog.find("aegis.volume.delete").orElseThrow().destructive()).isTrue();
        assertThat(ToolCatalog.find("aegis.task.execute").orElseThrow().readOnly()).isFalse();
        assertThat(ToolCatalog.find("nope.tool")).isEmpty();
    }
}
