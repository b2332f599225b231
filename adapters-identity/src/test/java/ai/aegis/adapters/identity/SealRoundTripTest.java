package ai.aegis.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.memory.InMemoryAuditLogAdapter;
import ai.aegis.application.memory.InMemorySealNonceAdapter;
import ai.aegis.application.memory.InMemorySealRevocationAdapter;
import ai.aegis.application.memory.InMemorySealSessionAdapter;
import ai.aegis.application.port.in.AttestSealAgentCommand;
import ai.aegis.application.port.in.AuthenticateCallerCommand;
import ai.aegis.application.port.in.AuthenticatedCaller;
import ai.aegis.application.port.in.GetSealPublicKeysQuery;
import ai.aegis.application.port.in.VerifiedSealCall;
import ai.aegis.application.port.in.VerifySealEnvelopeCommand;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.service.AuthenticationService;
import ai.aegis.application.service.SealAttestationService;
import ai.aegis.application.service.SealEnvelopeVerificationService;
import ai.aegis.application.service.SealPublicKeysService;
import ai.aegis.application.service.SecurityContextToolPolicy;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import ai.aegis.domain.seal.CanonicalJson;
import ai.aegis.domain.seal.JsonValue;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealEnvelope;
import ai.aegis.domain.seal.SealExecutionGrant;
import ai.aegis.domain.seal.SealSession;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path with real keys: a development-IdP token becomes an identity and a signed SEAL
 * token; an agent's real Ed25519 key is bound to it; a signed envelope passes verification, and
 * replay and revocation are refused.
 */
class SealRoundTripTest {

    private static final TenantId TENANT = TenantId.consumer(UUID.fromString("5c4b3a29-1807-4f6e-9d5c-4b3a29180706"));
    private static final String PAYLOAD = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\","
            + "\"params\":{\"name\":\"web.search\",\"arguments\":{\"query\":\"jcs rfc 8785\"}}}";

    @TempDir
    Path dataDir;

    @Test
    void authenticateThenEnvelope_realKeys_verifiedThenReplayAndRevocationRefused() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ClockPort clockPort = clock::instant;
        DevelopmentIdentityProvider idp = DevelopmentIdentityProvider.openOrCreate(dataDir, "http://127.0.0.1:8080",
                "aegis", clock);
        JwtCredentialVerifier credentials = JwtCredentialVerifier.builder()
                .realm(idp.consumerRealm()).realm(idp.operatorRealm()).clock(clock).build();
        SealTokenSigner seal = new SealTokenSigner(clock);
        AuthenticationService authentication = new AuthenticationService(credentials, seal,
                new ai.aegis.application.memory.InMemoryAuditLogAdapter(), clockPort);
        InMemorySealSessionAdapter sessions = new InMemorySealSessionAdapter(clockPort);
        InMemorySealRevocationAdapter revocations = new InMemorySealRevocationAdapter(clockPort);
        SealEnvelopeVerificationService envelopes = new SealEnvelopeVerificationService(seal, revocations, sessions,
                new TinkAgentSignatureVerifier(), new InMemorySealNonceAdapter(clockPort),
                new SecurityContextToolPolicy(id -> Optional.empty()), (token, call) -> { },
                new InMemoryAuditLogAdapter(), clockPort);

        AuthenticatedCaller caller = authentication.authenticate(new AuthenticateCallerCommand(
                idp.mintConsumer(ZaruTier.PRO, ZaruUserId.of("user-7"), TENANT, Duration.ofHours(1)), "user-7", "Pro"));
        KeyPair agent = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        sessions.bind(SealSession.bind(caller.securityToken().token(), SealAgentKey.fromPublicKey(agent.getPublic())));
        JsonValue payload = CanonicalJson.parse(PAYLOAD);
        Instant sent = clock.instant();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(agent.getPrivate());
        signer.update(SealEnvelope.signingInput(caller.compactSecurityToken(), payload, sent.toString()));
        String envelope = SealEnvelope.of(caller.compactSecurityToken(), signer.sign(), payload, sent).toJson();

        VerifiedSealCall call = envelopes.verify(new VerifySealEnvelopeCommand(envelope));

        assertThat(call.token().tenantId()).isEqualTo(TENANT);
        assertThat(call.token().securityContext().value()).isEqualTo("zaru-pro");
        assertThat(call.call().toolName()).isEqualTo("web.search");
        assertThat(JWKSet.parse(new SealPublicKeysService(seal).get(new GetSealPublicKeysQuery()).jwksJson())
                .getKeyByKeyId(seal.currentKeyId())).isNotNull();
        assertThatThrownBy(() -> envelopes.verify(new VerifySealEnvelopeCommand(envelope)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.replay");

        revocations.revokeToken(call.token().tokenId(), call.token().expiresAt());
        clock.advance(Duration.ofSeconds(1));
        signer.update(SealEnvelope.signingInput(caller.compactSecurityToken(), payload, clock.instant().toString()));
        String fresh = SealEnvelope.of(caller.compactSecurityToken(), signer.sign(), payload, clock.instant()).toJson();

        assertThatThrownBy(() -> envelopes.verify(new VerifySealEnvelopeCommand(fresh)))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.token_revoked");
    }

    @Test
    void attestThenEnvelope_realKeys_contextFromRecordAndEndedExecutionRefuses() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        ClockPort clockPort = clock::instant;
        SealTokenSigner seal = new SealTokenSigner(clock);
        InMemorySealSessionAdapter sessions = new InMemorySealSessionAdapter(clockPort);
        InMemorySealRevocationAdapter revocations = new InMemorySealRevocationAdapter(clockPort);
        AtomicBoolean running = new AtomicBoolean(true);
        SealExecutionGrant record = new SealExecutionGrant("exec-77", "user-7", IdentityKind.ZARU_USER, TENANT,
                ai.aegis.domain.security.BuiltInContexts.AGENT_RUNTIME, clock.instant().plusSeconds(90));
        SealAttestationService attestation = new SealAttestationService(
                id -> id.equals("exec-77") ? Optional.of(record) : Optional.empty(), seal, sessions, clockPort,
                Duration.ofMinutes(5));
        SealEnvelopeVerificationService envelopes = new SealEnvelopeVerificationService(seal, revocations, sessions,
                new TinkAgentSignatureVerifier(), new InMemorySealNonceAdapter(clockPort),
                new SecurityContextToolPolicy(id -> id.equals("exec-77") && running.get() ? Optional.of(record)
                        : Optional.empty()),
                (token, call) -> { }, new InMemoryAuditLogAdapter(), clockPort);
        KeyPair agent = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();

        SignedSecurityToken token = attestation.attest(
                new AttestSealAgentCommand("exec-77", SealAgentKey.fromPublicKey(agent.getPublic())));
        VerifiedSealCall call = envelopes.verify(new VerifySealEnvelopeCommand(envelope(agent, token.compact(), clock)));

        assertThat(call.token().securityContext()).isEqualTo(SecurityContextName.AGENT_RUNTIME);
        assertThat(call.token().executionId()).isEqualTo("exec-77");
        assertThat(call.token()).isEqualTo(token.token());
        assertThat(call.token().expiresAt()).isBeforeOrEqualTo(record.deadline()).isAfter(record.deadline().minusSeconds(1));

        running.set(false);
        clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> envelopes.verify(new VerifySealEnvelopeCommand(envelope(agent, token.compact(), clock))))
                .extracting(e -> ((DomainException) e).code()).isEqualTo("seal.token_revoked");
    }

    private static String envelope(KeyPair agent, String compact, MutableClock clock) throws Exception {
        JsonValue payload = CanonicalJson.parse(PAYLOAD);
        Instant sent = clock.instant();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(agent.getPrivate());
        signer.update(SealEnvelope.signingInput(compact, payload, sent.toString()));
        return SealEnvelope.of(compact, signer.sign(), payload, sent).toJson();
    }
}
