package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.in.AuthenticateExecutionCallerCommand;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.execution.ExecutionId;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SEAL attestation against real execution records (the in-memory store the execution use cases
 * write) and what ending them does to their tokens: what a token may say comes from the record, and
 * a cancelled swarm's tokens stop working, children included, on both paths a token is used on (a
 * node's execution-scoped call and an agent's envelope, whose policy step reads the record).
 */
class ExecutionSealLifecycleTest {

    private static final SealAgentKey AGENT_KEY = SealAgentKey.fromRaw(new byte[32]);

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);
    private final AtomicInteger serial = new AtomicInteger();
    private final Map<String, SecurityToken> issued = new ConcurrentHashMap<>();
    private final IssueSecurityTokenPort issuer = claims -> {
        SecurityToken token = claims.withTokenId("attested-token-" + String.format("%04d", serial.incrementAndGet()));
        issued.put("compact-" + token.tokenId(), token);
        return new SignedSecurityToken(token, "compact-" + token.tokenId());
    };
    private final ExecutionCallerService callers = new ExecutionCallerService(issued::get, f.sealRevocations,
            f.executionStore, f.overrides, f.clock);
    private final SecurityContextToolPolicy envelopePolicy = new SecurityContextToolPolicy(f.executionStore);
    private final SealAttestationService attestation = new SealAttestationService(f.executionStore, issuer,
            new InMemorySealSessionAdapter(f.clock), f.clock, Duration.ofMinutes(5));

    private Execution runningRoot() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution root = f.executions.start(new StartRootExecutionCommand(pro, conversation.id()));
        f.executions.report(new ReportIterationCommand(pro, root.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        return root;
    }

    private SecurityToken attest(Execution execution) {
        return attestation.attest(new AttestSealAgentCommand(execution.id().value(), AGENT_KEY)).token();
    }

    @Test
    void attest_runningRoot_grantComesFromTheRecord() {
        Execution root = runningRoot();

        SecurityToken token = attest(root);

        assertThat(token.subject()).isEqualTo(pro.subject());
        assertThat(token.identityKind()).isEqualTo(IdentityKind.ZARU_USER);
        assertThat(token.tenant()).contains(pro.tenantId());
        assertThat(token.securityContext()).isEqualTo(SecurityContextName.AGENT_RUNTIME);
        assertThat(token.execution()).contains(root.id().value());
        assertThat(token.expiresAt()).isBeforeOrEqualTo(root.deadline());
    }

    @Test
    void attest_pendingExecution_refusedAsNotRunning() {
        Conversation conversation = f.conversation(pro, ConversationMode.AGENTIC);
        Execution pending = f.executions.start(new StartRootExecutionCommand(pro, conversation.id()));

        assertThatThrownBy(() -> attest(pending))
                .isInstanceOf(NotFoundException.class)
                .hasFieldOrPropertyWithValue("code", "seal.execution_not_running");
    }

    private void assertRefusedAsRevoked(SecurityToken token) {
        String compact = "compact-" + token.tokenId();
        assertThatThrownBy(() -> callers.authenticate(new AuthenticateExecutionCallerCommand(compact,
                ExecutionId.of(token.execution().orElseThrow()))))
                .isInstanceOf(UnauthenticatedException.class).hasFieldOrPropertyWithValue("code", "seal.token_revoked");
        assertThatThrownBy(() -> envelopePolicy.authorize(token, SealToolCall.fromPayload(CanonicalJson.parse(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"fs.read\","
                        + "\"arguments\":{\"path\":\"/workspace/a\"}}}"))))
                .isInstanceOf(UnauthenticatedException.class).hasFieldOrPropertyWithValue("code", "seal.token_revoked");
    }

    @Test
    void cancel_rootWithRunningChild_tokensOfBothRefusedOnEveryPathAndNoNewOnes() {
        Execution root = runningRoot();
        Execution child = f.executions.spawn(SpawnChildExecutionCommand.inheriting(pro, root.id()));
        f.executions.report(new ReportIterationCommand(pro, child.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        SecurityToken rootToken = attest(root);
        SecurityToken childToken = attest(child);
        assertThat(callers.authenticate(new AuthenticateExecutionCallerCommand("compact-" + childToken.tokenId(),
                child.id())).executionId()).isEqualTo(child.id());

        f.executions.cancel(new CancelExecutionCommand(pro, root.id()));

        assertRefusedAsRevoked(rootToken);
        assertRefusedAsRevoked(childToken);
        assertThatThrownBy(() -> attest(child)).hasFieldOrPropertyWithValue("code", "seal.execution_not_running");
    }

    @Test
    void expire_atTheDeadline_timesOutTheRootEndsItsSwarmAndItsTokensStopWorking() {
        Execution root = runningRoot();
        Execution child = f.executions.spawn(SpawnChildExecutionCommand.inheriting(pro, root.id()));
        SecurityToken rootToken = attest(root);
        assertThat(f.executions.expire(new ai.aegis.application.port.in.ExpireOverdueExecutionsCommand(100))).isEmpty();

        f.clock.advance(java.time.Duration.between(f.clock.now(), root.deadline()));
        java.util.List<Execution> expired = f.executions.expire(new ai.aegis.application.port.in.ExpireOverdueExecutionsCommand(100));

        // The root times out; its still-active children end with it (cancelled), as any ended parent's do.
        assertThat(expired).extracting(Execution::id, Execution::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(root.id(), ai.aegis.domain.execution.ExecutionStatus.TIMED_OUT),
                org.assertj.core.groups.Tuple.tuple(child.id(), ai.aegis.domain.execution.ExecutionStatus.CANCELLED));
        // A token never outlives its execution's deadline, so at the deadline it no longer works anyway.
        assertThat(rootToken.isExpiredAt(f.clock.now())).isTrue();
        assertThat(f.executions.expire(new ai.aegis.application.port.in.ExpireOverdueExecutionsCommand(100))).isEmpty();
    }
}
