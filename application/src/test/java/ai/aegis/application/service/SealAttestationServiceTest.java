package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.NotFoundException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SealAttestationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b"));
    private static final SealAgentKey AGENT_KEY = SealAgentKey.fromRaw(new byte[] {
        (byte) 0xd7, 0x5a, (byte) 0x98, 0x01, (byte) 0x82, (byte) 0xb1, 0x0a, (byte) 0xb7, (byte) 0xd5, 0x4b,
        (byte) 0xfe, (byte) 0xd3, (byte) 0xc9, 0x64, 0x07, 0x3a, 0x0e, (byte) 0xe1, 0x72, (byte) 0xf3, (byte) 0xda,
        (byte) 0xa6, 0x23, 0x25, (byte) 0xaf, 0x02, 0x1a, 0x68, (byte) 0xf7, 0x07, 0x51, 0x1a});

    private final ClockPort clock = () -> NOW;
    private final InMemorySealSessionAdapter sessions = new InMemorySealSessionAdapter(clock);
    private final IssueSecurityTokenPort issuer = claims -> new SignedSecurityToken(
            claims.withTokenId("attested-" + claims.executionId() + "-0000"), "compact");

    private SealAttestationService service(SealExecutionGrant grant) {
        return new SealAttestationService(id -> Optional.ofNullable(grant).filter(g -> g.executionId().equals(id)),
                issuer, sessions, clock, Duration.ofMinutes(5));
    }

    @Test
    void attest_runningExecution_tokenFromRecordAndKeyBound() {
        SealExecutionGrant grant = new SealExecutionGrant("exec-9", "user-1", IdentityKind.ZARU_USER, TENANT,
                ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME, NOW.plusSeconds(3600));

        SecurityToken token = service(grant).attest(new AttestSealAgentCommand("exec-9", AGENT_KEY)).token();

        assertThat(token.securityContext()).isEqualTo(SecurityContextName.AGENT_RUNTIME);
        assertThat(token.tenantId()).isEqualTo(TENANT);
        assertThat(token.executionId()).isEqualTo("exec-9");
        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(sessions.findByTokenId(token.tokenId())).get()
                .satisfies(s -> assertThat(s.agentKey()).isEqualTo(AGENT_KEY));
    }

    @Test
    void attest_deadlineSooner_tokenExpiresAtDeadline() {
        SealExecutionGrant grant = new SealExecutionGrant("exec-9", "user-1", IdentityKind.ZARU_USER, TENANT,
                ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME, NOW.plusSeconds(42));

        SecurityToken token = service(grant).attest(new AttestSealAgentCommand("exec-9", AGENT_KEY)).token();

        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(42));
    }

    @Test
    void attest_deadlinePassed_refused() {
        SealExecutionGrant grant = new SealExecutionGrant("exec-9", "user-1", IdentityKind.ZARU_USER, TENANT,
                ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME, NOW);

        assertThatThrownBy(() -> service(grant).attest(new AttestSealAgentCommand("exec-9", AGENT_KEY)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.lifetime_empty");
    }

    @Test
    void attest_executionNotRunning_refusedAsNotFound() {
        assertThatThrownBy(() -> service(null).attest(new AttestSealAgentCommand("exec-9", AGENT_KEY)))
                .isInstanceOf(NotFoundException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.execution_not_running");
    }

    @Test
    void attestCommand_carriesNoContextTierOrTenant_soTheRequestCannotChooseThem() {
        assertThat(Arrays.stream(AttestSealAgentCommand.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("executionId", "agentKey");
    }
}
