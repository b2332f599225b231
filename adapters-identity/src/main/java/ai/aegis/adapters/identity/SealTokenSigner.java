package ai.aegis.adapters.identity;

import ai.aegis.application.port.out.IssueSecurityTokenPort;
import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import ai.aegis.application.port.out.SealKeySetPort;
import ai.aegis.application.port.out.VerifySecurityTokenPort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.seal.SecurityTokenClaims;
import ai.aegis.domain.seal.SignedSecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs and verifies SEAL security tokens with the service's Ed25519 keys (JWS alg {@code EdDSA},
 * header {@code typ: seal+jwt}), and publishes their public halves as a JWKS.
 *
 * <p>Claims: {@code iss}, {@code sub}, {@code iat}, {@code exp}, {@code jti}, {@code aegis_kind}
 * ({@code zaru_user} / {@code operator}), {@code tenant_id} (absent for operators outside a tenant),
 * {@code security_context}, {@code execution_id} (absent for session tokens).
 *
 * <p>Rotation: {@link #rotate()} makes a new current key; each earlier key keeps verifying (and
 * stays in the JWKS) until the last token it signed has expired, then it is dropped.
 *
 * <p>Keys live in memory: a restart or a second instance starts with new keys, so tokens issued
 * before a restart stop verifying. Sharing keys between instances is left to the deployment.
 */
public final class SealTokenSigner implements IssueSecurityTokenPort, VerifySecurityTokenPort, SealKeySetPort {

    /** The JOSE type of a SEAL token, so that no other JWT of the service can pass as one. */
    public static final JOSEObjectType TYPE = new JOSEObjectType("seal+jwt");
    /** Issuer claim unless told otherwise. */
    public static final String DEFAULT_ISSUER = "aegis-seal";

    private static final Logger LOG = LoggerFactory.getLogger(SealTokenSigner.class);

    /** How long a published public key stays valid in the directory: longer than any token lives. */
    static final java.time.Duration PUBLISH_SPAN = SecurityToken.MAX_LIFETIME.plusHours(1);

    private record ForeignKey(Ed25519Verifier verifier, Instant fetchedAt) {
    }

    private final class SigningKey {
        final OctetKeyPair key;
        final Ed25519Signer signer;
        final Ed25519Verifier verifier;
        volatile Instant lastExpiry;
        volatile Instant publishedUntil = Instant.EPOCH;

        SigningKey(OctetKeyPair key, Instant createdAt) throws JOSEException {
            this.key = key;
            this.signer = new Ed25519Signer(key);
            this.verifier = new Ed25519Verifier(key.toPublicJWK());
            this.lastExpiry = createdAt;
        }

        synchronized void noteExpiry(Instant expiry) {
            if (expiry.isAfter(lastExpiry)) {
                lastExpiry = expiry;
            }
        }
    }

    private final String issuer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final CopyOnWriteArrayList<SigningKey> keys = new CopyOnWriteArrayList<>();
    private final java.util.Optional<SealPublicKeyDirectoryPort> directory;
    private final java.util.concurrent.ConcurrentHashMap<String, ForeignKey> foreignKeys =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param directory where every instance publishes its public keys; empty for a signer whose
     *     tokens only it verifies (tests, a single process that may forget its tokens on restart)
     */
    public SealTokenSigner(String issuer, Clock clock, java.util.Optional<SealPublicKeyDirectoryPort> directory) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a SEAL issuer name is required");
        }
        this.issuer = issuer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.directory = Objects.requireNonNull(directory, "directory");
        rotate();
    }

    public SealTokenSigner(String issuer, Clock clock) {
        this(issuer, clock, java.util.Optional.empty());
    }

    public SealTokenSigner(Clock clock) {
        this(DEFAULT_ISSUER, clock);
    }

    /** A signer that shares its public keys with every instance through {@code directory}. */
    public static SealTokenSigner shared(Clock clock, SealPublicKeyDirectoryPort directory) {
        return new SealTokenSigner(DEFAULT_ISSUER, clock, java.util.Optional.of(directory));
    }

    /**
     * Makes a fresh Ed25519 key the current signing key. Earlier keys keep verifying until their
     * last token expires. Answers the new key id.
     */
    public synchronized String rotate() {
        Instant now = clock.instant();
        try {
            OctetKeyPair key = new OctetKeyPairGenerator(Curve.Ed25519).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.EdDSA).keyIDFromThumbprint(true).generate();
            SigningKey signing = new SigningKey(key, now);
            publish(signing, now);
            keys.add(0, signing);
            prune(now);
            LOG.info("SEAL signing key rotated; current key id {}", key.getKeyID());
            return key.getKeyID();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an Ed25519 SEAL key (is Tink on the class path?)", e);
        }
    }

    /** The id of the key new tokens are signed with. */
    public String currentKeyId() {
        return keys.get(0).key.getKeyID();
    }

    @Override
    public SignedSecurityToken issue(SecurityTokenClaims claims) {
        Objects.requireNonNull(claims, "claims");
        byte[] id = new byte[18];
        random.nextBytes(id);
        // JWT times are whole seconds: truncate first so the returned token equals what verify() reads back
        // (and an expiry capped at a deadline stays at or before it).
        SecurityTokenClaims whole = new SecurityTokenClaims(claims.subject(), claims.identityKind(), claims.tenantId(),
                claims.securityContext(), claims.executionId(), claims.issuedAt().truncatedTo(ChronoUnit.SECONDS),
                claims.expiresAt().truncatedTo(ChronoUnit.SECONDS));
        SecurityToken token = whole.withTokenId(Base64.getUrlEncoder().withoutPadding().encodeToString(id));
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(token.subject())
                .issueTime(Date.from(token.issuedAt()))
                .expirationTime(Date.from(token.expiresAt()))
                .jwtID(token.tokenId())
                .claim("aegis_kind", token.identityKind().name().toLowerCase(Locale.ROOT))
                .claim("security_context", token.securityContext().value());
        if (token.tenantId() != null) {
            set.claim("tenant_id", token.tenantId().value());
        }
        if (token.executionId() != null) {
            set.claim("execution_id", token.executionId());
        }
        SigningKey current = keys.get(0);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(TYPE)
                .keyID(current.key.getKeyID()).build(), set.build());
        try {
            jwt.sign(current.signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a SEAL token failed", e);
        }
        current.noteExpiry(token.expiresAt());
        if (directory.isPresent() && token.expiresAt().isAfter(current.publishedUntil.minus(java.time.Duration.ofHours(1)))) {
            publish(current, clock.instant());
        }
        return new SignedSecurityToken(token, jwt.serialize());
    }

    private void publish(SigningKey signing, Instant now) {
        if (directory.isPresent()) {
            Instant until = now.plus(PUBLISH_SPAN);
            directory.get().publish(signing.key.getKeyID(), signing.key.toPublicJWK().toJSONString(), until);
            signing.publishedUntil = until;
        }
    }

    @Override
    public SecurityToken verify(String compactToken) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(Objects.requireNonNull(compactToken, "compactToken"));
        } catch (ParseException e) {
            throw invalid("the SEAL token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm()) || !TYPE.equals(header.getType())
                || header.getJWKURL() != null || header.getJWK() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null
                || (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())) {
            throw invalid("the SEAL token header is not that of a SEAL token");
        }
        Ed25519Verifier verifier = findVerifier(header.getKeyID());
        try {
            if (!jwt.verify(verifier)) {
                throw invalid("the SEAL token signature does not verify");
            }
        } catch (JOSEException e) {
            throw invalid("the SEAL token signature does not verify");
        }
        try {
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!issuer.equals(claims.getIssuer())) {
                throw invalid("the SEAL token was not issued by this service");
            }
            String tenant = claims.getStringClaim("tenant_id");
            String kind = claims.getStringClaim("aegis_kind");
            String context = claims.getStringClaim("security_context");
            if (claims.getIssueTime() == null || claims.getExpirationTime() == null || kind == null || context == null) {
                throw invalid("the SEAL token claims are incomplete");
            }
            return new SecurityToken(claims.getJWTID(), claims.getSubject(),
                    IdentityKind.valueOf(kind.toUpperCase(Locale.ROOT)),
                    tenant == null ? null : TenantId.of(tenant),
                    SecurityContextName.of(context),
                    claims.getStringClaim("execution_id"),
                    claims.getIssueTime().toInstant(),
                    claims.getExpirationTime().toInstant());
        } catch (UnauthenticatedException e) {
            throw e;
        } catch (ParseException | DomainException | IllegalArgumentException e) {
            throw invalid("the SEAL token claims are incomplete or malformed");
        }
    }

    private Ed25519Verifier findVerifier(String kid) {
        if (kid != null) {
            Instant now = clock.instant();
            for (SigningKey key : keys) {
                if (kid.equals(key.key.getKeyID()) && (key == keys.get(0) || now.isBefore(key.lastExpiry))) {
                    return key.verifier;
                }
            }
            if (directory.isPresent()) {
                ForeignKey known = foreignKeys.get(kid);
                // Re-read at most every minute, so a key that left the directory stops verifying soon.
                if (known != null && now.isBefore(known.fetchedAt().plusSeconds(60))) {
                    return known.verifier();
                }
                java.util.Optional<String> published = directory.get().find(kid, now);
                if (published.isPresent()) {
                    Ed25519Verifier verifier = publishedVerifier(kid, published.get());
                    foreignKeys.put(kid, new ForeignKey(verifier, now));
                    return verifier;
                }
                foreignKeys.remove(kid);
            }
        }
        throw invalid("the SEAL token was signed with a key this service does not hold");
    }

    private static Ed25519Verifier publishedVerifier(String kid, String jwkJson) {
        try {
            OctetKeyPair key = OctetKeyPair.parse(jwkJson).toPublicJWK();
            if (!Curve.Ed25519.equals(key.getCurve()) || !kid.equals(key.getKeyID())) {
                throw invalid("the SEAL key directory holds a key that is not the Ed25519 key it names");
            }
            return new Ed25519Verifier(key);
        } catch (ParseException | JOSEException e) {
            throw invalid("the SEAL key directory holds an unreadable key");
        }
    }

    @Override
    public String publicJwksJson() {
        Instant now = clock.instant();
        prune(now);
        java.util.Map<String, JWK> published = new java.util.LinkedHashMap<>();
        for (SigningKey key : keys) {
            published.put(key.key.getKeyID(), key.key.toPublicJWK());
        }
        if (directory.isPresent()) {
            for (String json : directory.get().valid(now)) {
                try {
                    OctetKeyPair key = OctetKeyPair.parse(json).toPublicJWK();
                    published.putIfAbsent(key.getKeyID(), key);
                } catch (ParseException e) {
                    LOG.warn("skipped an unreadable key in the SEAL key directory");
                }
            }
        }
        return new JWKSet(new ArrayList<>(published.values())).toString(true);
    }

    private void prune(Instant now) {
        SigningKey current = keys.get(0);
        keys.removeIf(k -> k != current && !now.isBefore(k.lastExpiry));
    }

    private static UnauthenticatedException invalid(String message) {
        return new UnauthenticatedException("seal.token_invalid", message);
    }

    @Override
    public String toString() {
        return "SealTokenSigner[issuer=" + issuer + ", keys=" + keys.size() + "]";
    }
}
