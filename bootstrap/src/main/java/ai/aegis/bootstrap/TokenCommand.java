package ai.aegis.bootstrap;

import ai.aegis.adapters.identity.DevelopmentIdentityProvider;
import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.AegisRole;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.identity.ZaruTier;
import ai.aegis.domain.identity.ZaruUserId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aegis token}: mints a bearer token from the development identity provider of a data
 * directory, for trying the service. Prints the token alone on stdout. Refuses when a real
 * identity provider is configured, because those tokens would not be trusted anyway.
 */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print a development bearer token: --tier for a Zaru user, --role for an operator.")
final class TokenCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Kind kind;

    static final class Kind {
        @Option(names = "--tier", converter = TierConverter.class,
                description = "Zaru tier: free, pro, business or enterprise.")
        ZaruTier tier;

        @Option(names = "--role", converter = RoleConverter.class,
                description = "Operator role: admin, operator or readonly.")
        AegisRole role;
    }

    @Option(names = "--user", description = "Subject (user id); default dev-user or dev-operator.")
    private String user;

    @Option(names = "--tenant", description = "Consumer tenant u-{uuid}; default derived from the user id.")
    private String tenant;

    @Option(names = "--ttl", defaultValue = "1h", converter = DurationConverter.class,
            description = "Lifetime such as 15m, 1h or 2d (default ${DEFAULT-VALUE}, at most 30d).")
    private Duration ttl;

    @Option(names = "--data-dir", defaultValue = "${env:AEGIS_DATA_DIR:-.aegis}",
            description = "The data directory of the 'aegis serve' that should trust the token (default ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Override
    public Integer call() {
        if (!IdentitySettings.fromEnvironment(AegisMain.settingsOf(spec)).development()) {
            throw new StartupException("a real identity provider is configured (AEGIS_ZARU_ISSUER); "
                    + "get tokens from it instead of minting development tokens");
        }
        DevelopmentIdentityProvider provider =
                IdentityModule.existingDevelopmentProvider(DataDirectory.prepare(dataDirectory), Clock.systemUTC());
        String token;
        if (kind.tier != null) {
            ZaruUserId userId = ZaruUserId.of(user == null ? "dev-user" : user);
            TenantId tenantId = tenant == null
                    ? TenantId.consumer(UUID.nameUUIDFromBytes(userId.value().getBytes(StandardCharsets.UTF_8)))
                    : TenantId.of(tenant);
            token = provider.mintConsumer(kind.tier, userId, tenantId, ttl).reveal();
        } else {
            token = provider.mintOperator(kind.role, user == null ? "dev-operator" : user, ttl).reveal();
        }
        spec.commandLine().getOut().println(token);
        return 0;
    }

    static final class TierConverter implements ITypeConverter<ZaruTier> {
        @Override
        public ZaruTier convert(String value) {
            try {
                return ZaruTier.parse(value);
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class RoleConverter implements ITypeConverter<AegisRole> {
        @Override
        public AegisRole convert(String value) {
            try {
                return AegisRole.parse(value);
            } catch (InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT1H}. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (RuntimeException e) {
                throw new TypeConversionException("expected a duration such as 15m, 1h or 2d, not '" + value + "'");
            }
        }

        private static Duration parse(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            if (text.startsWith("p")) {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            }
            if (text.length() < 2) {
                throw new IllegalArgumentException("expected a duration such as 15m, 1h or 2d");
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            switch (text.charAt(text.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(amount);
                case 'm':
                    return Duration.ofMinutes(amount);
                case 'h':
                    return Duration.ofHours(amount);
                case 'd':
                    return Duration.ofDays(amount);
                default:
                    throw new IllegalArgumentException("expected a duration such as 15m, 1h or 2d");
            }
        }
    }
}
