package ai.aegis.adapters.identity;

import ai.aegis.application.port.out.IssueSecurityTokenPort;
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

    private final class SigningKey {
        final OctetKeyPair key;
        final Ed25519Signer signer;
        final Ed25519Verifier verifier;
        volatile Instant lastExpiry;

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

    public SealTokenSigner(String issuer, Clock clock) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a SEAL issuer name is required");
        }
        this.issuer = issuer;
        this.clock = Objects.requireNonNull(clock, "clock");
        rotate();
    }

    public SealTokenSigner(Clock clock) {
        this(DEFAULT_ISSUER, clock);
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
            keys.add(0, new SigningKey(key, now));
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
        return new SignedSecurityToken(token, jwt.serialize());
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
        SigningKey key = findKey(header.getKeyID());
        try {
            if (!jwt.verify(key.verifier)) {
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

    private SigningKey findKey(String kid) {
        if (kid != null) {
            Instant now = clock.instant();
            for (SigningKey key : keys) {
                if (kid.equals(key.key.getKeyID()) && (key == keys.get(0) || now.isBefore(key.lastExpiry))) {
                    return key;
                }
            }
        }
        throw invalid("the SEAL token was signed with a key this service does not hold");
    }

    @Override
    public String publicJwksJson() {
        Instant now = clock.instant();
        prune(now);
        List<JWK> published = new ArrayList<>();
        for (SigningKey key : keys) {
            published.add(key.key.toPublicJWK());
        }
        return new JWKSet(published).toString(true);
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
