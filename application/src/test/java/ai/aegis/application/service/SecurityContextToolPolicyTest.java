package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.BuiltInContexts;
import ai.aegis.domain.security.Capability;
import ai.aegis.domain.security.SecurityContext;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecurityContextToolPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b"));
    private static final SecurityContext WEB_ONLY = new SecurityContext(SecurityContextName.of("aegis-system-agent-web"),
            List.of(Capability.of("web.search")), List.of());

    private final Map<String, SealExecutionGrant> running = Map.of(
            "exec-root", grant("exec-root", BuiltInContexts.AGENT_RUNTIME),
            "exec-child", grant("exec-child", WEB_ONLY));
    private final SecurityContextToolPolicy policy = new SecurityContextToolPolicy(id -> Optional.ofNullable(running.get(id)));

    private static SealExecutionGrant grant(String id, SecurityContext context) {
        return new SealExecutionGrant(id, "alice", IdentityKind.ZARU_USER, TENANT, context, NOW.plusSeconds(600));
    }

    private static SecurityToken token(String executionId, SecurityContextName context) {
        return new SecurityToken("token-0123456789abcdef", "alice", IdentityKind.ZARU_USER, TENANT, context, executionId,
                NOW, NOW.plusSeconds(60));
    }

    private static SealToolCall call(String tool, String argumentsJson) {
        return SealToolCall.fromPayload(CanonicalJson.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + argumentsJson + "}}"));
    }

    @Test
    void authorize_agentRuntimeReadInsideWorkspace_allowed() {
        assertThatCode(() -> policy.authorize(token("exec-root", SecurityContextName.AGENT_RUNTIME),
                call("fs.read", "{\"path\":\"/workspace/src/main.py\"}"))).doesNotThrowAnyException();
    }

    @Test
    void authorize_agentRuntimeReadEscapingWorkspace_deniedNamingThePath() {
        assertThatThrownBy(() -> policy.authorize(token("exec-root", SecurityContextName.AGENT_RUNTIME),
                call("fs.read", "{\"path\":\"/workspace/../etc/passwd\"}")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("/etc/passwd");
    }

    @Test
    void authorize_agentRuntimeCreatingAnAgent_denied() {
        assertThatThrownBy(() -> policy.authorize(token("exec-root", SecurityContextName.AGENT_RUNTIME),
                call("aegis.agent.create", "{}"))).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void authorize_narrowedChildUsingItsParentsTool_deniedByItsOwnRecord() {
        assertThatThrownBy(() -> policy.authorize(token("exec-child", SecurityContextName.AGENT_RUNTIME),
                call("fs.read", "{\"path\":\"/workspace/a\"}"))).isInstanceOf(AccessDeniedException.class);
        assertThatCode(() -> policy.authorize(token("exec-child", SecurityContextName.AGENT_RUNTIME),
                call("web.search", "{\"query\":\"x\"}"))).doesNotThrowAnyException();
    }

    @Test
    void authorize_endedExecution_refusedAsRevoked() {
        assertThatThrownBy(() -> policy.authorize(token("exec-gone", SecurityContextName.AGENT_RUNTIME),
                call("web.search", "{}")))
                .isInstanceOf(UnauthenticatedException.class)
                .hasFieldOrPropertyWithValue("code", "seal.token_revoked");
    }

    @Test
    void authorize_freeSessionTokenSignallingAWorkflow_deniedByTierContext() {
        assertThatThrownBy(() -> policy.authorize(token(null, SecurityContextName.of("zaru-free")),
                call("aegis.workflow.signal", "{}")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("zaru-free");
    }
}
