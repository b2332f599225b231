package ai.aegis.adapters.identity;

import ai.aegis.application.port.out.VerifiedCredential;
import ai.aegis.application.port.out.VerifyCredentialPort;
import ai.aegis.domain.error.DomainException;
import ai.aegis.domain.error.UnauthenticatedException;
import ai.aegis.domain.error.UnavailableException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens of the trusted realms with nimbus-jose-jwt and maps them to identities.
 *
 * <p>Checks, each refusing with {@link UnauthenticatedException} and its own code (the token never
 * appears in a message or a log line):
 * <ul>
 *   <li>header: {@code token.malformed}, {@code token.alg_none}, {@code token.alg_hmac},
 *       {@code token.alg_not_allowed} (only RS256, ES256, EdDSA), {@code token.encrypted},
 *       {@code token.header_jku}, {@code token.header_x5u}, {@code token.header_jwk},
 *       {@code token.header_x5c}, {@code token.crit_unknown}, {@code token.kid_missing};</li>
 *   <li>issuer (picks the realm, exact match): {@code token.issuer_unknown};</li>
 *   <li>key: {@code token.kid_unknown} (after one rate-limited refetch),
 *       {@code token.key_type_mismatch} (key type, curve or JWK {@code alg}/{@code use} do not fit
 *       the algorithm); an unreachable key set with nothing cached is {@code identity.jwks_unavailable}
 *       ({@link UnavailableException});</li>
 *   <li>signature: {@code token.signature_invalid};</li>
 *   <li>time, with a small configurable skew: {@code token.expiry_missing}, {@code token.expired},
 *       {@code token.not_yet_valid} ({@code nbf} or {@code iat} in the future);</li>
 *   <li>audience: {@code token.audience_invalid};</li>
 *   <li>consumer claims: {@code token.consumer_has_operator_claims}, {@code token.subject_invalid},
 *       {@code token.tier_missing}, {@code token.tier_unknown}, {@code token.tenant_missing},
 *       {@code token.tenant_invalid} (not a per-user {@code u-{uuid}} tenant);</li>
 *   <li>operator claims: {@code token.operator_has_consumer_claims}, {@code token.subject_invalid},
 *       {@code token.role_missing}, {@code token.role_unknown}.</li>
 * </ul>
 * The realm is chosen by the {@code iss} claim only to pick which key set to try; nothing else of
 * an unverified token is believed. Verified tokens are cached by fingerprint (bounded, never past
 * {@code exp}), so a repeat call skips the signature check.
 */
public final class JwtCredentialVerifier implements VerifyCredentialPort {

    /** Claim names. */
    public static final String CLAIM_TIER = "zaru_tier";
    public static final String CLAIM_TENANT = "tenant_id";
    public static final String CLAIM_ROLE = "aegis_role";

    private static final Logger LOG = LoggerFactory.getLogger(JwtCredentialVerifier.class);
    private static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA);
    private static final int MAX_VERIFIERS = 256;

    private final Map<String, TrustedRealm> realmsByIssuer;
    private final Clock clock;
    private final Duration clockSkew;
    private final VerifiedTokenCache cache;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    private JwtCredentialVerifier(Builder builder) {
        if (builder.realms.isEmpty()) {
            throw new IllegalArgumentException("at least one trusted realm is required");
        }
        this.realmsByIssuer = Map.copyOf(builder.realms);
        this.clock = builder.clock;
        this.clockSkew = builder.clockSkew;
        this.cache = new VerifiedTokenCache(builder.cacheMaxEntries, builder.cacheMaxAge);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public VerifiedCredential verify(MyzaruJWT credential) {
        Objects.requireNonNull(credential, "credential");
        Instant now = clock.instant();
        String fingerprint = credential.fingerprint();
        VerifiedCredential cached = cache.get(fingerprint, now);
        if (cached != null) {
            return cached;
        }
        try {
            Verified verified = verifyUncached(credential.reveal(), now);
            cache.put(fingerprint, verified.credential(), now);
            return verified.credential();
        } catch (UnauthenticatedException | UnavailableException e) {
            LOG.debug("bearer token refused: {}", e.code());
            throw e;
        }
    }

    /** How many verified tokens are cached right now. */
    public int cachedTokens() {
        return cache.size();
    }

    private record Verified(VerifiedCredential credential) {
    }

    private Verified verifyUncached(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw refuse("token.malformed", "the bearer token is not a compact JWS");
        }
        Header header;
        try {
            header = Header.parse(new Base64URL(parts[0]));
        } catch (ParseException | IllegalArgumentException e) {
            throw refuse("token.malformed", "the bearer token header is not valid JSON");
        }
        if (header instanceof PlainHeader || Algorithm.NONE.equals(header.getAlgorithm())) {
            throw refuse("token.alg_none", "unsigned tokens (alg none) are refused");
        }
        if (!(header instanceof JWSHeader jws)) {
            throw refuse("token.encrypted", "encrypted tokens are not accepted; send a signed JWT");
        }
        checkHeader(jws);

        JWTClaimsSet claims;
        try {
            claims = JWTClaimsSet.parse(new Base64URL(parts[1]).decodeToString());
        } catch (ParseException | IllegalArgumentException e) {
            throw refuse("token.malformed", "the bearer token claims are not a valid JSON object");
        }
        TrustedRealm realm = claims.getIssuer() == null ? null : realmsByIssuer.get(claims.getIssuer());
        if (realm == null) {
            throw refuse("token.issuer_unknown", "the token issuer is not one of the trusted identity providers");
        }

        JWK key = fittingKey(findKeys(realm, jws), jws.getAlgorithm());
        boolean valid;
        try {
            JWSVerifier verifier = verifierFor(key);
            valid = verifier.verify(jws, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                    new Base64URL(parts[2]));
        } catch (JOSEException e) {
            valid = false;
        }
        if (!valid) {
            throw refuse("token.signature_invalid", "the token signature does not verify");
        }

        Instant expiry = checkTime(claims, now);
        List<String> audience = claims.getAudience();
        if (audience == null || !audience.contains(realm.audience())) {
            throw refuse("token.audience_invalid", "the token is not meant for this service (audience)");
        }
        Identity identity = realm.kind() == RealmKind.ZARU_CONSUMER ? consumer(claims) : operator(claims);
        return new Verified(new VerifiedCredential(identity, expiry));
    }

    private static void checkHeader(JWSHeader jws) {
        JWSAlgorithm alg = jws.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw refuse("token.alg_hmac", "HMAC-signed tokens are refused");
        }
        if (!ALLOWED.contains(alg)) {
            throw refuse("token.alg_not_allowed", "the token algorithm is not allowed (RS256, ES256, EdDSA only)");
        }
        if (jws.getJWKURL() != null) {
            throw refuse("token.header_jku", "tokens naming their own key URL (jku) are refused");
        }
        if (jws.getX509CertURL() != null) {
            throw refuse("token.header_x5u", "tokens naming their own certificate URL (x5u) are refused");
        }
        if (jws.getJWK() != null) {
            throw refuse("token.header_jwk", "tokens embedding their own key (jwk) are refused");
        }
        if (jws.getX509CertChain() != null) {
            throw refuse("token.header_x5c", "tokens embedding a certificate chain (x5c) are refused");
        }
        if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
            throw refuse("token.crit_unknown", "the token marks header parameters critical that this service does not understand");
        }
        if (jws.getKeyID() == null || jws.getKeyID().isEmpty()) {
            throw refuse("token.kid_missing", "the token header names no key (kid)");
        }
    }

    private static List<JWK> findKeys(TrustedRealm realm, JWSHeader jws) {
        List<JWK> found;
        try {
            found = realm.keys().get(new JWKSelector(new JWKMatcher.Builder().keyID(jws.getKeyID()).build()), null);
        } catch (RateLimitReachedException e) {
            throw refuse("token.kid_unknown", "the token's signing key is not published by its identity provider");
        } catch (KeySourceException e) {
            throw new UnavailableException("identity.jwks_unavailable",
                    "the identity provider's signing keys cannot be fetched right now; try again shortly", e);
        }
        if (found == null || found.isEmpty()) {
            throw refuse("token.kid_unknown", "the token's signing key is not published by its identity provider");
        }
        return found;
    }

    /** The first published key under the kid that fits the algorithm; a provider may reuse a kid across key uses. */
    private static JWK fittingKey(List<JWK> candidates, JWSAlgorithm alg) {
        for (JWK key : candidates) {
            if (fits(key, alg)) {
                return key;
            }
        }
        throw refuse("token.key_type_mismatch", "the token algorithm does not fit the type of the key it names");
    }

    private static boolean fits(JWK key, JWSAlgorithm alg) {
        boolean fits;
        if (JWSAlgorithm.RS256.equals(alg)) {
            fits = key instanceof RSAKey;
        } else if (JWSAlgorithm.ES256.equals(alg)) {
            fits = key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
        } else {
            fits = key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve());
        }
        if (fits && key.getAlgorithm() != null && !alg.getName().equals(key.getAlgorithm().getName())) {
            fits = false;
        }
        if (fits && key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            fits = false;
        }
        return fits && !key.isPrivate();
    }

    private JWSVerifier verifierFor(JWK key) throws JOSEException {
        JWSVerifier verifier = verifiers.get(key);
        if (verifier != null) {
            return verifier;
        }
        if (key instanceof RSAKey rsa) {
            verifier = new RSASSAVerifier(rsa);
        } else if (key instanceof ECKey ec) {
            verifier = new ECDSAVerifier(ec);
        } else {
            verifier = new Ed25519Verifier((OctetKeyPair) key);
        }
        if (verifiers.size() >= MAX_VERIFIERS) {
            verifiers.clear();
        }
        verifiers.put(key, verifier);
        return verifier;
    }

    private Instant checkTime(JWTClaimsSet claims, Instant now) {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw refuse("token.expiry_missing", "the token has no expiry (exp)");
        }
        Instant expiry = exp.toInstant();
        if (!now.minus(clockSkew).isBefore(expiry)) {
            throw refuse("token.expired", "the bearer token has expired; sign in again");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(clockSkew))) {
            throw refuse("token.not_yet_valid", "the bearer token is not valid yet (nbf); check the clocks");
        }
        Date iat = claims.getIssueTime();
        if (iat != null && iat.toInstant().isAfter(now.plus(clockSkew))) {
            throw refuse("token.not_yet_valid", "the bearer token was issued in the future (iat); check the clocks");
        }
        return expiry;
    }

    private static Identity consumer(JWTClaimsSet claims) {
        if (claims.getClaim(CLAIM_ROLE) != null) {
            throw refuse("token.consumer_has_operator_claims",
                    "a zaru-consumer token must not carry operator claims (aegis_role)");
        }
        ZaruUserId userId = subject(claims, ZaruUserId::of);
        Object tierClaim = claims.getClaim(CLAIM_TIER);
        if (tierClaim == null) {
            throw refuse("token.tier_missing", "the consumer token carries no zaru_tier claim");
        }
        ZaruTier tier;
        try {
            if (!(tierClaim instanceof String tierText)) {
                throw refuse("token.tier_unknown", "the zaru_tier claim must be a string");
            }
            tier = ZaruTier.parse(tierText);
        } catch (DomainException e) {
            throw refuse("token.tier_unknown", "the zaru_tier claim is not one of Free, Pro, Business, Enterprise");
        }
        Object tenantClaim = claims.getClaim(CLAIM_TENANT);
        if (tenantClaim == null) {
            throw refuse("token.tenant_missing", "the consumer token carries no tenant_id claim");
        }
        TenantId tenant;
        try {
            tenant = tenantClaim instanceof String tenantText ? TenantId.of(tenantText) : null;
        } catch (DomainException e) {
            tenant = null;
        }
        if (tenant == null || !tenant.isConsumer()) {
            throw refuse("token.tenant_invalid", "the tenant_id claim must be the user's own tenant u-{uuid}");
        }
        return new Identity.ZaruUser(userId, tenant, tier);
    }

    private static Identity operator(JWTClaimsSet claims) {
        if (claims.getClaim(CLAIM_TIER) != null || claims.getClaim(CLAIM_TENANT) != null) {
            throw refuse("token.operator_has_consumer_claims",
                    "an aegis-system token must not carry consumer claims (zaru_tier, tenant_id)");
        }
        String subject = subject(claims, s -> s);
        Object roleClaim = claims.getClaim(CLAIM_ROLE);
        if (roleClaim == null) {
            throw refuse("token.role_missing", "the operator token carries no aegis_role claim");
        }
        List<Object> values = new ArrayList<>();
        if (roleClaim instanceof Collection<?> list) {
            values.addAll(list);
        } else {
            values.add(roleClaim);
        }
        AegisRole best = null;
        for (Object value : values) {
            AegisRole role = value instanceof String text ? AegisRole.parseOrNull(text) : null;
            if (role != null && (best == null || role.includes(best))) {
                best = role;
            }
        }
        if (best == null) {
            throw refuse("token.role_unknown", "the aegis_role claim names no AEGIS role (admin, operator, readonly)");
        }
        try {
            return new Identity.Operator(subject, best);
        } catch (DomainException e) {
            throw refuse("token.subject_invalid", "the token subject (sub) is missing or not a valid id");
        }
    }

    private static <T> T subject(JWTClaimsSet claims, Function<String, T> parse) {
        String sub = claims.getSubject();
        if (sub != null) {
            try {
                return parse.apply(sub);
            } catch (DomainException e) {
                LOG.trace("token subject rejected: {}", e.code());
            }
        }
        throw refuse("token.subject_invalid", "the token subject (sub) is missing or not a valid id");
    }

    private static UnauthenticatedException refuse(String code, String message) {
        return new UnauthenticatedException(code, message);
    }

    /** Builds a verifier: trusted realms, clock, clock skew, verified-token cache bounds. */
    public static final class Builder {
        private final Map<String, TrustedRealm> realms = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofSeconds(30);
        private int cacheMaxEntries = 10_000;
        private Duration cacheMaxAge = Duration.ofMinutes(5);

        private Builder() {
        }

        /** Trusts a realm; issuers must be distinct. */
        public Builder realm(TrustedRealm realm) {
            if (realms.putIfAbsent(realm.issuer(), realm) != null) {
                throw new IllegalArgumentException("two trusted realms share the issuer " + realm.issuer());
            }
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tolerated clock difference with the identity provider (default 30 s, at most 5 min). */
        public Builder clockSkew(Duration skew) {
            if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("clock skew must be between 0 and 5 minutes");
            }
            this.clockSkew = skew;
            return this;
        }

        /**
         * Bounds of the verified-token cache: at most {@code maxEntries} tokens (0 switches it off),
         * each kept at most {@code maxAge} (and never past the token's {@code exp}), so a key
         * withdrawn from the JWKS stops working within {@code maxAge}.
         */
        public Builder verifiedTokenCache(int maxEntries, Duration maxAge) {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("cache size must not be negative");
            }
            this.cacheMaxEntries = maxEntries;
            this.cacheMaxAge = Objects.requireNonNull(maxAge, "maxAge");
            return this;
        }

        public JwtCredentialVerifier build() {
            return new JwtCredentialVerifier(this);
        }
    }
}
