package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityContextCeilingTest {

    private static SecurityContext ctx(String name, List<Capability> caps, String... denied) {
        return SecurityContext.of(SecurityContextName.of(name), caps,
                java.util.Arrays.stream(denied).map(ToolPattern::of).toList());
    }

    private static final SecurityContext PARENT = ctx("aegis-system-parent", List.of(
            Capability.of("fs.*").withPathAllowlist("/workspace"),
            Capability.of("cmd.run").withCommandAllowlist("python3", "git"),
            Capability.of("web.fetch").withDomainAllowlist("example.com").withMaxResponseSize(1_000_000),
            Capability.of("web.search")), "fs.delete");

    @Test
    void exceedsCeilingOf_sameContext_fits() {
        assertThat(PARENT.exceedsCeilingOf(PARENT)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_agentRuntimeUnderItself_fits() {
        assertThat(BuiltInContexts.AGENT_RUNTIME.exceedsCeilingOf(BuiltInContexts.AGENT_RUNTIME)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_narrowerInEveryDimension_fits() {
        SecurityContext child = ctx("aegis-system-child", List.of(
                Capability.of("fs.read").withPathAllowlist("/workspace/src"),
                Capability.of("cmd.run").withCommandAllowlist("python3"),
                Capability.of("web.fetch").withDomainAllowlist("api.example.com").withMaxResponseSize(10)), "fs.delete");

        assertThat(child.exceedsCeilingOf(PARENT)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_extraTool_violatesTools() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("aegis.agent.create")), "fs.delete");

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.TOOLS);
        assertThat(violation.explanation()).contains("aegis.agent.create").contains("aegis-system-parent");
        assertThat(violation.toException().code()).isEqualTo("ceiling.tools");
    }

    @Test
    void exceedsCeilingOf_wildcardUnderPrefix_violatesTools() {
        SecurityContext parent = ctx("aegis-system-parent", List.of(Capability.of("fs.*"), Capability.of("web.search")));
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("*")));

        assertThat(child.exceedsCeilingOf(parent).orElseThrow().dimension()).isEqualTo(CeilingDimension.TOOLS);
    }

    @Test
    void exceedsCeilingOf_droppedParentDenyEntry_violatesTools() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.*").withPathAllowlist("/workspace")));

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.TOOLS);
        assertThat(violation.explanation()).isEqualTo("capability fs.* of context aegis-system-child grants tool fs.delete, "
                + "which its parent context aegis-system-parent does not grant");
    }

    @Test
    void exceedsCeilingOf_broaderDenyEntryCoveringParents_fits() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.read").withPathAllowlist("/workspace")),
                "fs.*");

        assertThat(child.exceedsCeilingOf(PARENT)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_pathOutsideParent_violatesPaths() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.read").withPathAllowlist("/workspace2")),
                "fs.delete");

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.PATHS);
        assertThat(violation.explanation()).contains("/workspace2");
    }

    @Test
    void exceedsCeilingOf_traversalPath_violatesPaths() {
        SecurityContext child = ctx("aegis-system-child", List.of(
                Capability.of("fs.read").withPathAllowlist("/workspace/../etc")), "fs.delete");

        assertThat(child.exceedsCeilingOf(PARENT).orElseThrow().dimension()).isEqualTo(CeilingDimension.PATHS);
    }

    @Test
    void exceedsCeilingOf_unrestrictedPathsUnderRestrictedParent_violatesPaths() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.read")), "fs.delete");

        assertThat(child.exceedsCeilingOf(PARENT).orElseThrow().dimension()).isEqualTo(CeilingDimension.PATHS);
    }

    @Test
    void exceedsCeilingOf_extraCommand_violatesCommands() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("cmd.run").withCommandAllowlist("curl")),
                "fs.delete");

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.COMMANDS);
        assertThat(violation.toException().code()).isEqualTo("ceiling.commands");
    }

    @Test
    void exceedsCeilingOf_unrestrictedCommands_violatesCommands() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("cmd.run")), "fs.delete");

        assertThat(child.exceedsCeilingOf(PARENT).orElseThrow().dimension()).isEqualTo(CeilingDimension.COMMANDS);
    }

    @Test
    void exceedsCeilingOf_lookalikeDomain_violatesDomains() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("web.fetch")
                .withDomainAllowlist("badexample.com").withMaxResponseSize(10)), "fs.delete");

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.DOMAINS);
        assertThat(violation.toException().code()).isEqualTo("ceiling.domains");
    }

    @Test
    void exceedsCeilingOf_parentDomainUnderSubdomainParent_violatesDomains() {
        SecurityContext parent = ctx("aegis-system-parent", List.of(Capability.of("web.fetch").withDomainAllowlist("api.example.com")));
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("web.fetch").withDomainAllowlist("example.com")));

        assertThat(child.exceedsCeilingOf(parent).orElseThrow().dimension()).isEqualTo(CeilingDimension.DOMAINS);
    }

    @Test
    void exceedsCeilingOf_largerResponseCap_violatesResponseSize() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("web.fetch")
                .withDomainAllowlist("example.com").withMaxResponseSize(1_000_001)), "fs.delete");

        CeilingViolation violation = child.exceedsCeilingOf(PARENT).orElseThrow();

        assertThat(violation.dimension()).isEqualTo(CeilingDimension.RESPONSE_SIZE);
        assertThat(violation.toException().code()).isEqualTo("ceiling.response_size");
    }

    @Test
    void exceedsCeilingOf_uncappedResponseUnderCappedParent_violatesResponseSize() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("web.fetch")
                .withDomainAllowlist("example.com")), "fs.delete");

        assertThat(child.exceedsCeilingOf(PARENT).orElseThrow().dimension()).isEqualTo(CeilingDimension.RESPONSE_SIZE);
    }

    @Test
    void exceedsCeilingOf_parentNarrowFirstCapabilityShadowsBroadOne_violates() {
        SecurityContext parent = ctx("aegis-system-parent", List.of(
                Capability.of("fs.read").withPathAllowlist("/a"),
                Capability.of("fs.*").withPathAllowlist("/a", "/b")));
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.*").withPathAllowlist("/b")));

        assertThat(parent.decide(ToolRequest.of("fs.read").withPath("/b/x")).allowed()).isFalse();
        assertThat(child.exceedsCeilingOf(parent).orElseThrow().dimension()).isEqualTo(CeilingDimension.PATHS);
    }

    @Test
    void exceedsCeilingOf_droppedDenyEntryForToolChildDoesNotGrant_fits() {
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("fs.read").withPathAllowlist("/workspace")));

        assertThat(child.exceedsCeilingOf(PARENT)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_contextWithShadowedCapabilityUnderItself_fits() {
        SecurityContext shadowing = ctx("aegis-system-parent", List.of(
                Capability.of("fs.read").withPathAllowlist("/a"),
                Capability.of("fs.*").withPathAllowlist("/b")));

        assertThat(shadowing.exceedsCeilingOf(shadowing)).isEmpty();
    }

    @Test
    void exceedsCeilingOf_wildcardChildUnderPrefixParent_explainsEveryTool() {
        SecurityContext parent = ctx("aegis-system-parent", List.of(Capability.of("fs.*")));
        SecurityContext child = ctx("aegis-system-child", List.of(Capability.of("*")));

        assertThat(child.exceedsCeilingOf(parent).orElseThrow().explanation()).contains("grants every tool");
    }

    @Test
    void exceedsCeilingOf_consumerContextUnderAgentRuntime_violatesTools() {
        assertThat(BuiltInContexts.ZARU_PRO.exceedsCeilingOf(BuiltInContexts.AGENT_RUNTIME).orElseThrow().dimension())
                .isEqualTo(CeilingDimension.TOOLS);
    }
}
