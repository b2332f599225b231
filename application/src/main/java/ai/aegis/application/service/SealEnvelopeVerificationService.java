package ai.aegis.application.service;

import ai.aegis.application.port.in.VerifiedSealCall;
import ai.aegis.application.port.in.VerifySealEnvelopeCommand;
import ai.aegis.application.port.in.VerifySealEnvelopeUseCase;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;
import ai.aegis.application.port.out.SealRateLimitPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.application.port.out.SealToolPolicyPort;
import ai.aegis.application.port.out.VerifyAgentSignaturePort;
import ai.aegis.application.port.out.VerifySecurityTokenPort;
import ai.aegis.domain.audit.AuditDecision;
import ai.aegis.domain.audit.AuditRecord;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.seal.SealEnvelope;
import ai.aegis.domain.seal.SealSession;
import ai.aegis.domain.seal.SealToolCall;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.tenancy.TenantScope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies SEAL envelopes in the protocol's fixed order; each step has its own refusal code:
 * <ol>
 *   <li>token: {@code seal.token_invalid}, {@code seal.token_expired}, {@code seal.token_revoked};</li>
 *   <li>signature with the agent key bound at attestation: {@code seal.session_unbound},
 *       {@code seal.signature_invalid};</li>
 *   <li>freshness (default ±30 s): {@code seal.timestamp_stale}, {@code seal.timestamp_in_future};</li>
 *   <li>nonce: {@code seal.replay} (the nonce is the token id plus a hash of the signature, and
 *       Ed25519 signatures are deterministic, so an identical envelope is a replay);</li>
 *   <li>payload shape: {@code seal.payload_invalid};</li>
 *   <li>context policy and rate limit: the injected {@link SealToolPolicyPort} and
 *       {@link SealRateLimitPort}, with their own codes.</li>
 * </ol>
 * Envelope shape errors are {@code seal.envelope_malformed} / {@code seal.protocol_unsupported}.
 */
public final class SealEnvelopeVerificationService implements VerifySealEnvelopeUseCase {

    /** Default freshness window either side of the service clock. */
    public static final Duration DEFAULT_FRESHNESS = Duration.ofSeconds(30);

    private final VerifySecurityTokenPort tokens;
    private final SealRevocationPort revocations;
    private final SealSessionPort sessions;
    private final VerifyAgentSignaturePort signatures;
    private final SealNoncePort nonces;
    private final SealToolPolicyPort policy;
    private final SealRateLimitPort rateLimit;
    private final ClockPort clock;
    private final AuditLogPort auditLog;
    private final Duration freshness;

    public SealEnvelopeVerificationService(VerifySecurityTokenPort tokens, SealRevocationPort revocations,
            SealSessionPort sessions, VerifyAgentSignaturePort signatures, SealNoncePort nonces,
            SealToolPolicyPort policy, SealRateLimitPort rateLimit, AuditLogPort auditLog, ClockPort clock,
            Duration freshness) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(freshness, "freshness");
        if (freshness.isNegative() || freshness.isZero() || freshness.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("the SEAL freshness window must be between 1 s and 5 min");
        }
        this.freshness = freshness;
    }

    public SealEnvelopeVerificationService(VerifySecurityTokenPort tokens, SealRevocationPort revocations,
            SealSessionPort sessions, VerifyAgentSignaturePort signatures, SealNoncePort nonces,
            SealToolPolicyPort policy, SealRateLimitPort rateLimit, AuditLogPort auditLog, ClockPort clock) {
        this(tokens, revocations, sessions, signatures, nonces, policy, rateLimit, auditLog, clock, DEFAULT_FRESHNESS);
    }

    @Override
    public VerifiedSealCall verify(VerifySealEnvelopeCommand command) {
        SealEnvelope envelope = SealEnvelope.parse(command.envelopeJson());
        Instant now = clock.now();

        SecurityToken token = tokens.verify(envelope.securityToken());
        if (token.isExpiredAt(now)) {
            throw new UnauthenticatedException("seal.token_expired",
                    "the SEAL token has expired; attest again for a fresh token");
        }
        try {
            return verifyFor(token, envelope, now);
        } catch (DomainException refusal) {
            // From here on the caller is known (the token verified), so the refusal is attributable.
            auditLog.record(new AuditRecord(token.subject(), token.identityKind(),
                    token.tenant().orElse(TenantScope.SYSTEM), "seal.invoke", Optional.of(token.tokenId()),
                    AuditDecision.DENIED, refusal.code(), now));
            throw refusal;
        }
    }

    private VerifiedSealCall verifyFor(SecurityToken token, SealEnvelope envelope, Instant now) {
        SealTokenRevocation.requireNotRevoked(revocations, token);

        SealSession session = sessions.findByTokenId(token.tokenId())
                .filter(s -> s.belongsTo(token))
                .orElseThrow(() -> new UnauthenticatedException("seal.session_unbound",
                        "no agent key is bound to this SEAL token; attest before sending envelopes"));
        if (!signatures.verifies(session.agentKey(), envelope.signingInput(), envelope.signature())) {
            throw new UnauthenticatedException("seal.signature_invalid",
                    "the envelope signature does not verify with the agent key bound to the SEAL token");
        }

        Instant sent = envelope.timestampInstant();
        if (sent.isBefore(now.minus(freshness))) {
            throw new UnauthenticatedException("seal.timestamp_stale",
                    "the envelope timestamp is more than " + freshness.toSeconds() + " s old; sign a fresh envelope");
        }
        if (sent.isAfter(now.plus(freshness))) {
            throw new UnauthenticatedException("seal.timestamp_in_future",
                    "the envelope timestamp is more than " + freshness.toSeconds()
                            + " s in the future; check the agent's clock");
        }

        if (!nonces.recordFirstUse(nonce(token, envelope), sent.plus(freshness).plusSeconds(1))) {
            throw new UnauthenticatedException("seal.replay", "this envelope was already used; sign a new one");
        }

        SealToolCall call = SealToolCall.fromPayload(envelope.payload());
        policy.authorize(token, call);
        rateLimit.consume(token, call);
        return new VerifiedSealCall(token, call, envelope.payload());
    }

    private static String nonce(SecurityToken token, SealEnvelope envelope) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(token.tokenId().getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) 0);
            sha256.update(envelope.signature());
            return token.tokenId() + ":" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
