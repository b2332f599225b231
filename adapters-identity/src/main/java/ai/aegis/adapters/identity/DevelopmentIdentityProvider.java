package ai.aegis.adapters.identity;

import ai.aegis.domain.error.PreconditionFailedException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.MyzaruJWT;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded development identity provider: one Ed25519 signing key kept in the data directory
 * (file mode 0600), trusted for both realms, minting tokens for any tier or role on request. It is
 * for a single developer's machine only; whoever can read the key file can be anyone.
 *
 * <p>Issuers are {@code <baseUrl>/dev-idp/zaru-consumer} and {@code <baseUrl>/dev-idp/aegis-system};
 * both use the same audience. The public key set is served by the HTTP layer from
 * {@link #jwksJson()} (at, for example, {@code <baseUrl>/dev-idp/jwks.json}); the server itself
 * verifies in-process through {@link #consumerRealm()} and {@link #operatorRealm()}.
 */
public final class DevelopmentIdentityProvider {

    /** File name of the signing key inside the data directory. */
    public static final String KEY_FILE = "dev-idp-signing-key.jwk";
    /** Audience of minted tokens unless told otherwise. */
    public static final String DEFAULT_AUDIENCE = "aegis";
    /** Longest lifetime a minted token may have. */
    public static final Duration MAX_TTL = Duration.ofDays(30);

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentIdentityProvider.class);
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final OctetKeyPair signingKey;
    private final Ed25519Signer signer;
    private final JWKSet publicKeys;
    private final String consumerIssuer;
    private final String operatorIssuer;
    private final String audience;
    private final Clock clock;
    private final Path keyFile;
    private final SecureRandom random = new SecureRandom();

    private DevelopmentIdentityProvider(OctetKeyPair signingKey, Path keyFile, String baseUrl, String audience,
            Clock clock) {
        this.signingKey = signingKey;
        this.keyFile = keyFile;
        try {
            this.signer = new Ed25519Signer(signingKey);
        } catch (JOSEException e) {
            throw new IllegalStateException("the development signing key is not a usable Ed25519 key", e);
        }
        this.publicKeys = new JWKSet(signingKey.toPublicJWK());
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.consumerIssuer = base + "/dev-idp/zaru-consumer";
        this.operatorIssuer = base + "/dev-idp/aegis-system";
        this.audience = audience;
        this.clock = clock;
    }

    /**
     * Loads the signing key from {@code dataDir}, creating it (mode 0600) on first run.
     *
     * @param baseUrl the service's own base URL, such as {@code http://127.0.0.1:8080}
     * @throws PreconditionFailedException code {@code devidp.key_unreadable} when the key file is
     *     damaged, or {@code devidp.key_exposed} when others may read it
     */
    public static DevelopmentIdentityProvider openOrCreate(Path dataDir, String baseUrl, String audience, Clock clock) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(clock, "clock");
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            return new DevelopmentIdentityProvider(load(keyFile), keyFile, baseUrl, audience, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the development identity key in " + dataDir, e);
        }
    }

    /** {@link #openOrCreate(Path, String, String, Clock)} with the default audience and the system clock. */
    public static DevelopmentIdentityProvider openOrCreate(Path dataDir, String baseUrl) {
        return openOrCreate(dataDir, baseUrl, DEFAULT_AUDIENCE, Clock.systemUTC());
    }

    private static void create(Path keyFile) throws IOException {
        OctetKeyPair key;
        try {
            key = new OctetKeyPairGenerator(Curve.Ed25519).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key (is Tink on the class path?)", e);
        }
        byte[] json = key.toJSONString().getBytes(StandardCharsets.UTF_8);
        boolean posix = Files.getFileStore(keyFile.getParent()).supportsFileAttributeView(PosixFileAttributeView.class);
        Path temporary = posix
                ? Files.createTempFile(keyFile.getParent(), ".dev-idp-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(keyFile.getParent(), ".dev-idp-", ".tmp");
        try {
            Files.write(temporary, json, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            // A hard link appears atomically and fails if another process created the key first,
            // so two first starts never end with two different keys or a half-written file.
            Files.createLink(keyFile, temporary);
        } catch (FileAlreadyExistsException e) {
            LOG.debug("development identity key was created concurrently; using the existing one");
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static OctetKeyPair load(Path keyFile) throws IOException {
        if (Files.getFileStore(keyFile).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new PreconditionFailedException("devidp.key_exposed", "the development identity key " + keyFile
                        + " may be read by other users; run chmod 600 on it (or delete it to make a new one)");
            }
        }
        try {
            JWK jwk = JWK.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
            if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve()) && okp.isPrivate()) {
                return okp;
            }
        } catch (ParseException e) {
            throw new PreconditionFailedException("devidp.key_unreadable", "the development identity key " + keyFile
                    + " is damaged; delete it and a new one is made at the next start");
        }
        throw new PreconditionFailedException("devidp.key_unreadable", "the development identity key " + keyFile
                + " is not an Ed25519 private key; delete it and a new one is made at the next start");
    }

    /** Mints a consumer token ({@code zaru-consumer} realm) for a tier, user and per-user tenant. */
    public MyzaruJWT mintConsumer(ZaruTier tier, ZaruUserId userId, TenantId tenantId, Duration ttl) {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tenantId, "tenantId");
        if (!tenantId.isConsumer()) {
            throw new IllegalArgumentException("a consumer's tenant is a per-user tenant u-{uuid}");
        }
        return mint(consumerIssuer, userId.value(), ttl, new JWTClaimsSet.Builder()
                .claim(JwtCredentialVerifier.CLAIM_TIER, tier.displayName())
                .claim(JwtCredentialVerifier.CLAIM_TENANT, tenantId.value()));
    }

    /** Mints an operator token ({@code aegis-system} realm) for a role and subject. */
    public MyzaruJWT mintOperator(AegisRole role, String subject, Duration ttl) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(subject, "subject");
        return mint(operatorIssuer, subject, ttl,
                new JWTClaimsSet.Builder().claim(JwtCredentialVerifier.CLAIM_ROLE, role.claimValue()));
    }

    private MyzaruJWT mint(String issuer, String subject, Duration ttl, JWTClaimsSet.Builder claims) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a development token lives between 1 s and 30 days");
        }
        Instant now = clock.instant();
        byte[] id = new byte[16];
        random.nextBytes(id);
        JWTClaimsSet set = claims.issuer(issuer).subject(subject).audience(audience)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plus(ttl)))
                .jwtID(Base64.getUrlEncoder().withoutPadding().encodeToString(id)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).type(JOSEObjectType.JWT)
                .keyID(signingKey.getKeyID()).build(), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a development token failed", e);
        }
        return MyzaruJWT.of(jwt.serialize());
    }

    /** The public key set (JSON) to publish for clients that verify tokens themselves. */
    public String jwksJson() {
        return publicKeys.toString(true);
    }

    /** The key set for in-process verification (no HTTP round trip to itself). */
    public JWKSource<SecurityContext> jwkSource() {
        return new ImmutableJWKSet<>(publicKeys);
    }

    /** The consumer realm of this provider, verified in-process. */
    public TrustedRealm consumerRealm() {
        return TrustedRealm.local(RealmKind.ZARU_CONSUMER, consumerIssuer, audience, jwkSource());
    }

    /** The operator realm of this provider, verified in-process. */
    public TrustedRealm operatorRealm() {
        return TrustedRealm.local(RealmKind.AEGIS_SYSTEM, operatorIssuer, audience, jwkSource());
    }

    public String consumerIssuer() {
        return consumerIssuer;
    }

    public String operatorIssuer() {
        return operatorIssuer;
    }

    public String audience() {
        return audience;
    }

    /** Where the signing key is kept (for the start-up banner). */
    public Path keyFile() {
        return keyFile;
    }

    @Override
    public String toString() {
        return "DevelopmentIdentityProvider[kid=" + signingKey.getKeyID() + ", keyFile=" + keyFile + "]";
    }
}
