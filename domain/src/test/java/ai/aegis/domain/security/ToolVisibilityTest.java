package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ToolVisibilityTest {

    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("00000000-0000-4000-8000-000000000001"));

    private static Identity.ZaruUser user(ZaruTier tier) {
        return Identity.zaruUser(ZaruUserId.of("user-1"), TENANT, tier);
    }

    private static final Set<String> AGENTIC = Set.of(
            "aegis.agent.list", "aegis.agent.search", "aegis.agent.export", "aegis.agent.generate", "aegis.agent.logs",
            "aegis.agent.wait", "aegis.task.execute", "aegis.task.status", "aegis.task.list", "aegis.task.wait",
            "aegis.task.cancel", "aegis.task.logs", "aegis.tools.list", "aegis.tools.search", "aegis.volume.create",
            "aegis.volume.list", "aegis.volume.delete", "aegis.volume.quota");
    private static final Set<String> ARCHITECT = Set.of(
            "aegis.schema.get", "aegis.schema.validate", "aegis.agent.list", "aegis.agent.search",
            "aegis.workflow.list", "aegis.workflow.search", "aegis.workflow.export", "aegis.workflow.run",
            "aegis.workflow.generate", "aegis.workflow.logs", "aegis.workflow.cancel", "aegis.workflow.wait",
            "aegis.workflow.signal");
    private static final Set<String> EXECUTE = Set.of(
            "aegis.execute.intent", "aegis.execute.status", "aegis.task.status", "aegis.task.wait", "aegis.task.cancel",
            "aegis.task.logs", "aegis.volume.list", "aegis.volume.quota");

    @ParameterizedTest
    @EnumSource(ZaruTier.class)
    void visibleTools_chatMode_none(ZaruTier tier) {
        assertThat(ToolVisibility.visibleToolNames(user(tier), ConversationMode.CHAT)).isEmpty();
        assertThat(ConversationMode.CHAT.showsContextPanel()).isFalse();
    }

    @Test
    void visibleTools_proInEachConsumerMode_matchesDesignNarrowing() {
        assertThat(ToolVisibility.visibleToolNames(user(ZaruTier.PRO), ConversationMode.AGENTIC))
                .containsExactlyInAnyOrderElementsOf(AGENTIC);
        assertThat(ToolVisibility.visibleToolNames(user(ZaruTier.PRO), ConversationMode.ARCHITECT))
                .containsExactlyInAnyOrderElementsOf(ARCHITECT);
        assertThat(ToolVisibility.visibleToolNames(user(ZaruTier.PRO), ConversationMode.EXECUTE))
                .containsExactlyInAnyOrderElementsOf(EXECUTE);
    }

    @Test
    void visibleTools_freeInArchitect_lacksWorkflowSignal() {
        Set<String> expected = new TreeSet<>(ARCHITECT);
        expected.remove("aegis.workflow.signal");

        assertThat(ToolVisibility.visibleToolNames(user(ZaruTier.FREE), ConversationMode.ARCHITECT))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void visibleTools_consumerInOperatorMode_none() {
        assertThat(ToolVisibility.visibleToolNames(user(ZaruTier.ENTERPRISE), ConversationMode.OPERATOR)).isEmpty();
        assertThat(ToolVisibility.decide(user(ZaruTier.ENTERPRISE), ConversationMode.OPERATOR, "web.search").code())
                .isEqualTo("mode.operator_only");
    }

    @Test
    void visibleTools_inCatalogOrder() {
        List<String> visible = ToolVisibility.visibleToolNames(user(ZaruTier.PRO), ConversationMode.AGENTIC);
        List<String> catalogOrder = ToolCatalog.all().stream().map(ToolDescriptor::name).filter(visible::contains).toList();

        assertThat(visible).containsExactlyElementsOf(catalogOrder);
    }

    @Test
    void visibleTools_readonlyOperator_onlyReadTools() {
        List<ToolDescriptor> visible = ToolVisibility.visibleTools(Identity.operator("ops", AegisRole.READONLY),
                ConversationMode.OPERATOR);

        assertThat(visible).isNotEmpty().allMatch(ToolDescriptor::readOnly);
        assertThat(visible).extracting(ToolDescriptor::name)
                .contains("aegis.task.list", "aegis.system.info", "aegis.user.list", "aegis.audit.list")
                .doesNotContain("aegis.task.cancel", "aegis.agent.create", "aegis.system.config");
    }

    @Test
    void visibleTools_operatorRole_everythingButAdminTools() {
        Set<String> expected = new TreeSet<>(BuiltInContextsTest.CONSUMER_SET);
        expected.addAll(BuiltInContextsTest.OPERATOR_ADDITIONS);
        expected.removeAll(Set.of("aegis.system.config", "aegis.user.update", "aegis.tenant.update"));

        assertThat(ToolVisibility.visibleToolNames(Identity.operator("ops", AegisRole.OPERATOR), ConversationMode.OPERATOR))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void visibleTools_adminRole_wholeOperatorContext() {
        Set<String> expected = new TreeSet<>(BuiltInContextsTest.CONSUMER_SET);
        expected.addAll(BuiltInContextsTest.OPERATOR_ADDITIONS);

        assertThat(ToolVisibility.visibleToolNames(Identity.operator("ops", AegisRole.ADMIN), ConversationMode.OPERATOR))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void decide_unknownTool_deniedUnknown() {
        PolicyDecision decision = ToolVisibility.decide(user(ZaruTier.PRO), ConversationMode.AGENTIC, "fs_read");

        assertThat(decision.code()).isEqualTo("tool.unknown");
        assertThat(decision.reason()).startsWith("unknown tool fs_read");
    }

    @Test
    void decide_freeWorkflowSignal_contextReason() {
        PolicyDecision decision = ToolVisibility.decide(user(ZaruTier.FREE), ConversationMode.ARCHITECT,
                "aegis.workflow.signal");

        assertThat(decision.code()).isEqualTo("policy.no_capability");
        assertThat(decision.reason()).isEqualTo("no capability of context zaru-free grants tool aegis.workflow.signal");
    }

    @Test
    void decide_toolOutsideMode_deniedNamingMode() {
        PolicyDecision decision = ToolVisibility.decide(user(ZaruTier.PRO), ConversationMode.EXECUTE, "aegis.agent.list");

        assertThat(decision.code()).isEqualTo("mode.tool_excluded");
        assertThat(decision.reason()).contains("not available in Execute mode");
        assertThat(ToolVisibility.decide(user(ZaruTier.PRO), ConversationMode.CHAT, "web.search").reason())
                .contains("Chat mode, which shows no platform tools");
    }

    @Test
    void decide_readonlyCancelling_deniedRoleTooLow() {
        PolicyDecision decision = ToolVisibility.decide(Identity.operator("ops", AegisRole.READONLY),
                ConversationMode.OPERATOR, "aegis.task.cancel");

        assertThat(decision.code()).isEqualTo("role.too_low");
        assertThat(decision.reason()).isEqualTo("tool aegis.task.cancel needs the operator role; your role is readonly");
    }

    @Test
    void decide_operatorConfiguring_deniedNeedsAdmin() {
        assertThat(ToolVisibility.decide(Identity.operator("ops", AegisRole.OPERATOR), ConversationMode.OPERATOR,
                "aegis.system.config").reason()).contains("needs the admin role");
    }

    @Test
    void decide_agentRuntimeOnlyTool_deniedForOperator() {
        assertThat(ToolVisibility.decide(Identity.operator("ops", AegisRole.ADMIN), ConversationMode.OPERATOR, "fs.read")
                .code()).isEqualTo("policy.no_capability");
    }

    @Test
    void decide_agreesWithVisibleToolsForEveryIdentityModeAndTool() {
        List<Identity> identities = List.of(user(ZaruTier.FREE), user(ZaruTier.PRO), user(ZaruTier.BUSINESS),
                user(ZaruTier.ENTERPRISE), Identity.operator("a", AegisRole.READONLY),
                Identity.operator("b", AegisRole.OPERATOR), Identity.operator("c", AegisRole.ADMIN));
        for (Identity identity : identities) {
            for (ConversationMode mode : ConversationMode.values()) {
                List<String> visible = ToolVisibility.visibleToolNames(identity, mode);
                for (ToolDescriptor tool : ToolCatalog.all()) {
                    assertThat(ToolVisibility.decide(identity, mode, tool.name()).allowed())
                            .isEqualTo(visible.contains(tool.name()));
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withoutConversation_free_wholeTierSurfaceWithoutWorkflowSignal() {
        java.util.List<String> names = ToolVisibility.visibleToolsWithoutConversation(user(ZaruTier.FREE)).stream()
                .map(ToolDescriptor::name).toList();

        org.assertj.core.api.Assertions.assertThat(names)
                .contains("web.search", "web.fetch", "aegis.audit.list", "aegis.runtime.list", "aegis.task.execute")
                .doesNotContain("aegis.workflow.signal", "aegis.agent.create", "cmd.run");
    }

    @org.junit.jupiter.api.Test
    void withoutConversation_anyMode_isASupersetOfEveryModesTools() {
        for (ZaruTier tier : ZaruTier.values()) {
            java.util.List<ToolDescriptor> whole = ToolVisibility.visibleToolsWithoutConversation(user(tier));
            for (ai.aegis.domain.conversation.ConversationMode mode : ai.aegis.domain.conversation.ConversationMode.values()) {
                org.assertj.core.api.Assertions.assertThat(whole)
                        .containsAll(ToolVisibility.visibleTools(user(tier), mode));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void withoutConversation_readonlyOperator_stillGatedByRole() {
        Identity readonly = Identity.operator("ops", ai.aegis.domain.identity.AegisRole.READONLY);

        PolicyDecision decision = ToolVisibility.decideWithoutConversation(readonly, "aegis.agent.create");

        org.assertj.core.api.Assertions.assertThat(decision.code()).isEqualTo("role.too_low");
    }
}
