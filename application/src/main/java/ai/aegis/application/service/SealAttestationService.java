package ai.aegis.application.service;

import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.in.AttestSealAgentUseCase;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.SealExecutionGrantPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.seal.SealSession;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.time.Duration;
import java.util.Objects;

/**
 * Issues execution-bound SEAL tokens. Everything the token asserts comes from
 * {@link SealExecutionGrantPort} (the execution record), so a request cannot widen its own context
 * or tier; the token expires at the execution's deadline at the latest, and acts only while the
 * execution runs (every use reads its status again), so ending the execution revokes it.
 */
public final class SealAttestationService implements AttestSealAgentUseCase {

    private final SealExecutionGrantPort grants;
    private final IssueSecurityTokenPort issuer;
    private final SealSessionPort sessions;
    private final ClockPort clock;
    private final Duration lifetime;

    public SealAttestationService(SealExecutionGrantPort grants, IssueSecurityTokenPort issuer, SealSessionPort sessions,
            ClockPort clock, Duration lifetime) {
        this.grants = Objects.requireNonNull(grants, "grants");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(SecurityToken.MAX_LIFETIME) > 0) {
            throw new IllegalArgumentException("the SEAL token lifetime must be between 1 s and 24 h");
        }
        this.lifetime = lifetime;
    }

    @Override
    public SignedSecurityToken attest(AttestSealAgentCommand command) {
        SealExecutionGrant grant = grants.findRunning(command.executionId())
                .orElseThrow(() -> new NotFoundException("seal.execution_not_running",
                        "there is no running execution with that id to attest for"));
        SignedSecurityToken token = issuer.issue(grant.claimsAt(clock.now(), lifetime));
        sessions.bind(SealSession.bind(token.token(), command.agentKey()));
        return token;
    }
}
