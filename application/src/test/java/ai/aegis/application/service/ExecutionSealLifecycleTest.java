package ai.aegis.application.service;

import static ai.aegis.application.service.ServiceFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.in.CancelExecutionCommand;
import ai.aegis.application.port.in.ReportIterationCommand;
import ai.aegis.application.port.in.SpawnChildExecutionCommand;
import ai.aegis.application.port.in.StartRootExecutionCommand;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.domain.conversation.Conversation;
import ai.aegis.domain.conversation.ConversationMode;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.execution.Execution;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.iteration.IterationEventKind;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * SEAL attestation against real execution records (the in-memory store the execution use cases
 * write) and revocation when executions end: what a token may say comes from the record, and a
 * cancelled swarm's tokens stop working, children included.
 */
class ExecutionSealLifecycleTest {

    private static final SealAgentKey AGENT_KEY = SealAgentKey.fromRaw(new byte[32]);

    private final ServiceFixture f = new ServiceFixture();
    private final Identity.ZaruUser pro = user("pro-user", ZaruTier.PRO);
    private final AtomicInteger serial = new AtomicInteger();
    private final IssueSecurityTokenPort issuer = claims -> new SignedSecurityToken(
            claims.withTokenId("attested-token-" + String.format("%04d", serial.incrementAndGet())), "compact");
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

    @Test
    void cancel_rootWithRunningChild_revokesTheTokensOfBothAndRefusesNewOnes() {
        Execution root = runningRoot();
        Execution child = f.executions.spawn(SpawnChildExecutionCommand.inheriting(pro, root.id()));
        f.executions.report(new ReportIterationCommand(pro, child.id(), IterationEventKind.ATTEMPT_STARTED, Optional.empty()));
        SecurityToken rootToken = attest(root);
        SecurityToken childToken = attest(child);
        assertThat(f.sealRevocations.isRevoked(rootToken)).isFalse();

        f.executions.cancel(new CancelExecutionCommand(pro, root.id()));

        assertThat(f.sealRevocations.isRevoked(rootToken)).isTrue();
        assertThat(f.sealRevocations.isRevoked(childToken)).isTrue();
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
