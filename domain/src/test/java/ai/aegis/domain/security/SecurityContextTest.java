package ai.aegis.domain.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.AccessDeniedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityContextTest {

    private static final SecurityContextName NAME = SecurityContextName.of("tenant-acme-labs-research");

    private static SecurityContext context(List<Capability> capabilities, String... denied) {
        return SecurityContext.of(NAME, capabilities, java.util.Arrays.stream(denied).map(ToolPattern::of).toList());
    }

    @Test
    void decide_toolOnDenyList_deniedNamingEntryEvenIfCapabilityGrantsIt() {
        SecurityContext context = context(List.of(Capability.of("*")), "aegis.agent.*");

        PolicyDecision decision = context.decide("aegis.agent.delete");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.code()).isEqualTo("policy.deny_list");
        assertThat(decision.reason()).contains("denied by deny list entry aegis.agent.*");
    }

    @Test
    void decide_noMatchingCapability_deniedByDefaultNamingContextAndTool() {
        PolicyDecision decision = BuiltInContexts.ZARU_FREE.decide("aegis.workflow.signal");

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.code()).isEqualTo("policy.no_capability");
        assertThat(decision.reason()).isEqualTo("no capability of context zaru-free grants tool aegis.workflow.signal");
    }

    @Test
    void decide_emptyContext_deniesEverything() {
        assertThat(context(List.of()).decide("web.search").allowed()).isFalse();
    }

    @Test
    void decide_firstMatchingCapabilityDecides_laterBroaderCapabilityNotConsulted() {
        SecurityContext context = context(List.of(
                Capability.of("fs.read").withPathAllowlist("/workspace"),
                Capability.of("fs.*")));

        PolicyDecision decision = context.decide(ToolRequest.of("fs.read").withPath("/etc/passwd"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.code()).isEqualTo("policy.path_outside");
        assertThat(decision.reason()).isEqualTo(
                "path /etc/passwd is outside the allowed paths of capability fs.read (/workspace)");
        assertThat(context.decide(ToolRequest.of("fs.write").withPath("/etc/passwd")).allowed()).isTrue();
    }

    @Test
    void decide_pathTraversalOutOfWorkspace_denied() {
        PolicyDecision decision = BuiltInContexts.AGENT_RUNTIME.decide(
                ToolRequest.of("fs.read").withPath("/workspace/../etc/passwd"));

        assertThat(decision.allowed()).isFalse();
        assertThat(decision.reason()).isEqualTo(
                "path /etc/passwd is outside the allowed paths of capability fs.* (/workspace)");
    }

    @Test
    void decide_siblingDirectoryWithSharedPrefix_denied() {
        assertThat(BuiltInContexts.AGENT_RUNTIME.decide(ToolRequest.of("fs.write").withPath("/workspace2/x")).code())
                .isEqualTo("policy.path_outside");
    }

    @Test
    void decide_pathInsideWorkspace_allowed() {
        PolicyDecision decision = BuiltInContexts.AGENT_RUNTIME.decide(
                ToolRequest.of("fs.write").withPath("/workspace//src/./main.py"));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.reason()).isEqualTo("tool fs.write is granted by capability fs.* of context aegis-system-agent-runtime");
    }

    @Test
    void decide_relativePath_deniedAsInvalid() {
        assertThat(BuiltInContexts.AGENT_RUNTIME.decide(ToolRequest.of("fs.read").withPath("src/main.py")).code())
                .isEqualTo("policy.path_invalid");
    }

    @Test
    void decide_requestWithoutPath_pathDimensionNotInvolved() {
        assertThat(BuiltInContexts.AGENT_RUNTIME.decide(ToolRequest.of("fs.list")).allowed()).isTrue();
    }

    @Test
    void decide_commandOutsideAllowlist_deniedNamingProgram() {
        SecurityContext context = context(List.of(Capability.of("cmd.run").withCommandAllowlist("python3", "git")));

        PolicyDecision denied = context.decide(ToolRequest.of("cmd.run").withCommand("curl http://evil"));
        PolicyDecision allowed = context.decide(ToolRequest.of("cmd.run").withCommand("  python3 main.py --x"));
        PolicyDecision absolute = context.decide(ToolRequest.of("cmd.run").withCommand("/usr/bin/python3 main.py"));

        assertThat(denied.code()).isEqualTo("policy.command_not_allowed");
        assertThat(denied.reason()).contains("command curl").contains("python3, git");
        assertThat(allowed.allowed()).isTrue();
        assertThat(absolute.allowed()).isFalse();
    }

    @Test
    void decide_domainAllowlist_matchesOnLabelBoundary() {
        SecurityContext context = context(List.of(Capability.of("web.fetch").withDomainAllowlist("example.com")));

        assertThat(context.decide(ToolRequest.of("web.fetch").withUrl("https://api.example.com/x")).allowed()).isTrue();
        assertThat(context.decide(ToolRequest.of("web.fetch").withUrl("https://EXAMPLE.com./x")).allowed()).isTrue();
        PolicyDecision bad = context.decide(ToolRequest.of("web.fetch").withUrl("https://badexample.com/"));
        assertThat(bad.code()).isEqualTo("policy.domain_not_allowed");
        assertThat(bad.reason()).contains("domain badexample.com is not in the domain allowlist of capability web.fetch");
    }

    @Test
    void decide_malformedDomain_deniedAsInvalid() {
        SecurityContext context = context(List.of(Capability.of("web.fetch").withDomainAllowlist("example.com")));

        assertThat(context.decide(ToolRequest.of("web.fetch").withDomain("exa mple.com")).code())
                .isEqualTo("policy.domain_invalid");
    }

    @Test
    void decide_responseLargerThanCap_denied() {
        SecurityContext context = context(List.of(Capability.of("web.fetch").withMaxResponseSize(1000)));

        assertThat(context.decide(ToolRequest.of("web.fetch").withResponseSize(1000)).allowed()).isTrue();
        PolicyDecision decision = context.decide(ToolRequest.of("web.fetch").withResponseSize(1001));
        assertThat(decision.code()).isEqualTo("policy.response_too_large");
        assertThat(decision.reason()).contains("1001 bytes").contains("1000 bytes");
    }

    @Test
    void orThrow_deniedDecision_throwsAccessDeniedWithCodeAndReason() {
        PolicyDecision decision = BuiltInContexts.ZARU_PRO.decide("aegis.agent.create");

        assertThatThrownBy(decision::orThrow).isInstanceOf(AccessDeniedException.class)
                .hasFieldOrPropertyWithValue("code", "policy.no_capability")
                .hasMessage("no capability of context zaru-pro grants tool aegis.agent.create");
    }

    @Test
    void orThrow_allowedDecision_returnsNormally() {
        BuiltInContexts.ZARU_PRO.decide("web.search").orThrow();
        assertThat(BuiltInContexts.ZARU_PRO.decide("web.search").allowed()).isTrue();
    }

    @Test
    void withUrl_urlWithoutHost_refused() {
        assertThatThrownBy(() -> ToolRequest.of("web.fetch").withUrl("file:///etc/passwd"))
                .hasFieldOrPropertyWithValue("code", "policy.invalid_url");
    }
}
