package ai.aegis.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemorySealNonceAdapter;
import ai.aegis.application.memory.InMemorySealRevocationAdapter;
import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.port.in.VerifiedSealCall;
import ai.aegis.application.port.in.VerifySealEnvelopeCommand;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.VerifySecurityTokenPort;
import ai.aegis.domain.error.AccessDeniedException;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.LimitExceededException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealEnvelope;
import ai.aegis.domain.seal.SealSession;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SealEnvelopeVerificationServiceTest {

    private final ai.aegis.application.memory.InMemoryAuditLogAdapter audit =
            new ai.aegis.application.memory.InMemoryAuditLogAdapter();

    private static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    private static final String COMPACT = "seal-header.seal-claims.seal-signature";
    private static final String PAYLOAD = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"fs.read\",\"arguments\":{\"path\":\"/workspace/x\"}}}";

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final ClockPort clock = now::get;
    private final SecurityToken token = new SecurityToken("jti-0123456789abcdef", "user-1", IdentityKind.ZARU_USER,
            TenantId.consumer(UUID.fromString("7d0c8a52-3a43-4c39-9a35-0f5e0c7b1a11")),
            SecurityContextName.AGENT_RUNTIME, "exec-1", T0, T0.plusSeconds(300));
    private final VerifySecurityTokenPort tokens = compact -> {
        if (!COMPACT.equals(compact)) {
            throw new UnauthenticatedException("seal.token_invalid", "not a SEAL token of this service");
        }
        return token;
    };
    private final InMemorySealRevocationAdapter revocations = new InMemorySealRevocationAdapter(clock);
    private final InMemorySealSessionAdapter sessions = new InMemorySealSessionAdapter(clock);
    private final InMemorySealNonceAdapter nonces = new InMemorySealNonceAdapter(clock);
    private final List<String> steps = new ArrayList<>();
    private KeyPair agent;
    private SealEnvelopeVerificationService service;

    @BeforeEach
    void setUp() throws GeneralSecurityException {
        agent = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        sessions.bind(SealSession.bind(token, SealAgentKey.fromPublicKey(agent.getPublic())));
        service = new SealEnvelopeVerificationService(tokens, revocations, sessions, SealAgentKey::verifies, nonces,
                (t, call) -> steps.add("policy:" + call.toolName()),
                (t, call) -> steps.add("rate:" + call.toolName()), audit, clock);
    }

    @Test
    void verify_validEnvelope_passesAllStepsInOrder() {
        VerifiedSealCall call = service.verify(command(envelope(COMPACT, PAYLOAD, T0.plusSeconds(2))));

        assertThat(call.token()).isEqualTo(token);
        assertThat(call.call().toolName()).isEqualTo("fs.read");
        assertThat(steps).containsExactly("policy:fs.read", "rate:fs.read");
    }

    @Test
    void verify_unknownToken_refusedAsTokenInvalid() {
        assertCode(envelope("other.seal.token", PAYLOAD, T0), "seal.token_invalid");
    }

    @Test
    void verify_tokenExpired_refusedAsExpired() {
        now.set(T0.plusSeconds(300));

        assertCode(envelope(COMPACT, PAYLOAD, T0.plusSeconds(300)), "seal.token_expired");
    }

    @Test
    void verify_tokenRevoked_refusedAsRevoked() {
        revocations.revokeToken(token.tokenId(), T0.plusSeconds(300));

        assertCode(envelope(COMPACT, PAYLOAD, T0), "seal.token_revoked");
    }

    @Test
    void verify_noBoundKey_refusedAsUnbound() {
        service = new SealEnvelopeVerificationService(tokens, revocations, new InMemorySealSessionAdapter(clock),
                SealAgentKey::verifies, nonces,
                (t, c) -> steps.add("policy"), (t, c) -> steps.add("rate"), audit, clock);

        assertCode(envelope(COMPACT, PAYLOAD, T0), "seal.session_unbound");
    }

    @Test
    void verify_signedByAnotherKey_refusedAsSignatureInvalid() throws GeneralSecurityException {
        agent = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        assertCode(envelope(COMPACT, PAYLOAD, T0), "seal.signature_invalid");
    }

    @Test
    void verify_payloadChangedAfterSigning_refusedAsSignatureInvalid() {
        String json = envelope(COMPACT, PAYLOAD, T0).replace("/workspace/x", "/etc/shadow");

        assertCode(json, "seal.signature_invalid");
    }

    @Test
    void verify_timestampOutsideWindow_refusedAsStaleOrFuture() {
        assertCode(envelope(COMPACT, PAYLOAD, T0.minusSeconds(31)), "seal.timestamp_stale");
        assertCode(envelope(COMPACT, PAYLOAD, T0.plusSeconds(31)), "seal.timestamp_in_future");
        assertThat(service.verify(command(envelope(COMPACT, PAYLOAD, T0.minusSeconds(30)))).call().toolName())
                .isEqualTo("fs.read");
    }

    @Test
    void verify_sameEnvelopeTwice_secondRefusedAsReplay() {
        String json = envelope(COMPACT, PAYLOAD, T0);
        service.verify(command(json));

        assertCode(json, "seal.replay");
        assertThat(steps).containsExactly("policy:fs.read", "rate:fs.read");
    }

    @Test
    void verify_notAToolCall_refusedBeforePolicy() {
        assertCode(envelope(COMPACT, "{\"jsonrpc\":\"2.0\",\"method\":\"tools/list\"}", T0), "seal.payload_invalid");
        assertThat(steps).isEmpty();
    }

    @Test
    void verify_policyDenies_rateLimitNotConsumed() {
        service = new SealEnvelopeVerificationService(tokens, revocations, sessions, SealAgentKey::verifies, nonces,
                (t, c) -> {
            throw new AccessDeniedException("policy.tool_denied", "fs.read is not allowed");
        }, (t, c) -> steps.add("rate"), audit, clock);

        assertCode(envelope(COMPACT, PAYLOAD, T0), "policy.tool_denied");
        assertThat(steps).isEmpty();
        assertThat(audit.all()).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("seal.invoke");
            assertThat(record.reasonCode()).isEqualTo("policy.tool_denied");
            assertThat(record.decision()).isEqualTo(ai.aegis.domain.audit.AuditDecision.DENIED);
        });
    }

    @Test
    void verify_rateLimited_refusedWithLimitCode() {
        service = new SealEnvelopeVerificationService(tokens, revocations, sessions, SealAgentKey::verifies, nonces,
                (t, c) -> { }, (t, c) -> {
            throw new LimitExceededException("rate.tool_call", "too many tool calls this minute");
        }, audit, clock);

        assertCode(envelope(COMPACT, PAYLOAD, T0), "rate.tool_call");
    }

    @Test
    void nonceStore_afterKeepUntil_forgetsNonce() {
        assertThat(nonces.recordFirstUse("n", T0.plusSeconds(10))).isTrue();
        assertThat(nonces.recordFirstUse("n", T0.plusSeconds(10))).isFalse();
        now.set(T0.plusSeconds(10));

        assertThat(nonces.recordFirstUse("n", T0.plusSeconds(20))).isTrue();
    }

    private void assertCode(String json, String code) {
        assertThatThrownBy(() -> service.verify(command(json)))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code()).isEqualTo(code);
    }

    private static VerifySealEnvelopeCommand command(String json) {
        return new VerifySealEnvelopeCommand(json);
    }

    private String envelope(String compact, String payload, Instant timestamp) {
        JsonValue parsed = CanonicalJson.parse(payload);
        byte[] signature = sign(SealEnvelope.signingInput(compact, parsed, timestamp.toString()));
        return SealEnvelope.of(compact, signature, parsed, timestamp).toJson();
    }

    private byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(agent.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
