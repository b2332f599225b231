package ai.aegis.bootstrap;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.adapters.identity.JwksSettings;
import ai.aegis.adapters.identity.JwtCredentialVerifier;
import ai.aegis.adapters.identity.RealmKind;
import ai.aegis.adapters.identity.SealTokenSigner;
import ai.aegis.adapters.identity.TrustedRealm;
import ai.aegis.application.port.out.AuditLogPort;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealPublicKeyDirectoryPort;
import ai.aegis.application.port.out.TenantAccountPort;
import ai.aegis.application.service.AuthenticationService;
import ai.aegis.application.service.SealPublicKeysService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who-is-calling, wired: the credential verifier for both realms (a real identity provider, or
 * the development one), the SEAL signer, and the use cases built on them.
 */
final class IdentityModule {

    private static final Logger LOG = LoggerFactory.getLogger(IdentityModule.class);
    /** Where {@code aegis serve} records the development issuer base so {@code aegis token} matches it. */
    static final String DEV_BASE_URL_FILE = "dev-idp-base-url";

    private final AuthenticationService authentication;
    private final SealPublicKeysService sealPublicKeys;
    private final DevelopmentIdentityProvider developmentProvider;
    private final List<String> issuers;
    private SealTokenSigner sealTokens;

    private IdentityModule(AuthenticationService authentication, SealPublicKeysService sealPublicKeys,
                           DevelopmentIdentityProvider developmentProvider, List<String> issuers) {
        this.authentication = authentication;
        this.sealPublicKeys = sealPublicKeys;
        this.developmentProvider = developmentProvider;
        this.issuers = issuers;
    }

    /**
     * @param developmentBaseUrl the base URL the development provider names in its issuers; unused
     *     with a real identity provider
     */
    static IdentityModule create(IdentitySettings settings, DataDirectory dataDirectory, String developmentBaseUrl,
                                 Clock clock, AuditLogPort auditLog, SealPublicKeyDirectoryPort sealKeys) {
        return create(settings, dataDirectory, developmentBaseUrl, clock, auditLog, sealKeys, null);
    }

    /** @param accounts where consumers' verified tiers are recorded as their tenant's plan; {@code null}: nowhere */
    static IdentityModule create(IdentitySettings settings, DataDirectory dataDirectory, String developmentBaseUrl,
                                 Clock clock, AuditLogPort auditLog, SealPublicKeyDirectoryPort sealKeys,
                                 TenantAccountPort accounts) {
        JwtCredentialVerifier.Builder verifier = JwtCredentialVerifier.builder().clock(clock);
        DevelopmentIdentityProvider development = null;
        List<String> issuers;
        if (settings.development()) {
            development = openDevelopmentProvider(dataDirectory, developmentBaseUrl, clock);
            verifier.realm(development.consumerRealm()).realm(development.operatorRealm());
            issuers = List.of(development.consumerIssuer(), development.operatorIssuer());
            banner(development);
        } else {
            verifier.realm(TrustedRealm.remote(RealmKind.ZARU_CONSUMER, settings.zaruIssuer(), settings.zaruJwksUrl(),
                            settings.zaruAudience(), JwksSettings.DEFAULTS))
                    .realm(TrustedRealm.remote(RealmKind.AEGIS_SYSTEM, settings.operatorIssuer(),
                            settings.operatorJwksUrl(), settings.operatorAudience(), JwksSettings.DEFAULTS));
            issuers = List.of(settings.zaruIssuer(), settings.operatorIssuer());
            LOG.info("trusting identity providers {} (zaru-consumer) and {} (aegis-system)",
                    settings.zaruIssuer(), settings.operatorIssuer());
        }
        // Public SEAL keys go to the shared directory so every instance, and this one after a restart,
        // verifies the tokens of every other until they expire.
        SealTokenSigner seal = SealTokenSigner.shared(clock, sealKeys);
        ClockPort clockPort = clock::instant;
        AuthenticationService authentication = accounts == null
                ? new AuthenticationService(verifier.build(), seal, auditLog, clockPort)
                : new AuthenticationService(verifier.build(), seal, auditLog, clockPort, accounts);
        IdentityModule module = new IdentityModule(authentication,
                new SealPublicKeysService(seal), development, issuers);
        module.sealTokens = seal;
        return module;
    }

    static DevelopmentIdentityProvider openDevelopmentProvider(DataDirectory dataDirectory, String baseUrl, Clock clock) {
        try {
            Files.createDirectories(dataDirectory.keys());
            Files.writeString(dataDirectory.keys().resolve(DEV_BASE_URL_FILE), baseUrl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StartupException("cannot write to " + dataDirectory.keys() + ": " + e.getMessage(), e);
        }
        return DevelopmentIdentityProvider.openOrCreate(dataDirectory.keys(), baseUrl,
                DevelopmentIdentityProvider.DEFAULT_AUDIENCE, clock);
    }

    /** The development provider as {@code aegis token} finds it: the one the last {@code serve} used. */
    static DevelopmentIdentityProvider existingDevelopmentProvider(DataDirectory dataDirectory, Clock clock) {
        Path baseUrlFile = dataDirectory.keys().resolve(DEV_BASE_URL_FILE);
        if (!Files.exists(baseUrlFile)) {
            throw new StartupException("no development identity provider in " + dataDirectory.root()
                    + "; start './aegis serve' once with this --data-dir first");
        }
        try {
            String baseUrl = Files.readString(baseUrlFile, StandardCharsets.UTF_8).trim();
            return DevelopmentIdentityProvider.openOrCreate(dataDirectory.keys(), baseUrl,
                    DevelopmentIdentityProvider.DEFAULT_AUDIENCE, clock);
        } catch (IOException | UncheckedIOException e) {
            throw new StartupException("cannot read the development identity provider in " + dataDirectory.keys()
                    + ": " + e.getMessage(), e);
        }
    }

    private static void banner(DevelopmentIdentityProvider development) {
        LOG.warn("""

                ************************************************************************
                *  DEVELOPMENT IDENTITY PROVIDER                                       *
                *  No AEGIS_ZARU_ISSUER / AEGIS_OPERATOR_ISSUER is configured, so this *
                *  server trusts tokens minted by './aegis token' with the key in      *
                *  {}
                *  Never run it like this in production.                               *
                ************************************************************************""",
                development.keyFile());
    }

    AuthenticationService authentication() {
        return authentication;
    }

    SealPublicKeysService sealPublicKeys() {
        return sealPublicKeys;
    }

    Optional<DevelopmentIdentityProvider> developmentProvider() {
        return Optional.ofNullable(developmentProvider);
    }

    /** Signs and verifies SEAL tokens (execution tokens for nodes are issued and checked with it). */
    SealTokenSigner sealTokens() {
        return sealTokens;
    }

    List<String> issuers() {
        return issuers;
    }
}
