package ai.aegis.domain.identity;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The tenant that owns a piece of data. Every agent, workflow, execution, volume, secret and audit
 * row belongs to exactly one tenant, and no query crosses tenants.
 *
 * <p>Two forms exist: a consumer's per-user tenant {@code u-{uuid}} (lower-case canonical UUID),
 * created at signup, and an organisation tenant named by a slug ({@code acme-labs}: lower-case
 * letters, digits and single hyphens, 3 to 63 characters, starting with a letter, never starting
 * with {@code u-}).
 */
public record TenantId(String value) {

    private static final Pattern CONSUMER =
            Pattern.compile("u-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern ORGANISATION = Pattern.compile("[a-z](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");

    public TenantId {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("tenant.missing", "tenant id is missing");
        }
        boolean consumer = CONSUMER.matcher(value).matches();
        boolean organisation = !value.startsWith("u-") && ORGANISATION.matcher(value).matches();
        if (!consumer && !organisation) {
            throw new InvalidInputException("tenant.invalid",
                    "tenant id " + ZaruTier.quoteShort(value)
                            + " is neither a consumer tenant u-{uuid} nor an organisation slug");
        }
    }

    /** Parses a tenant id, accepting an upper-case UUID in the consumer form. */
    public static TenantId of(String value) {
        if (value != null && value.length() > 2 && value.regionMatches(true, 0, "u-", 0, 2)) {
            return new TenantId(value.toLowerCase(Locale.ROOT));
        }
        return new TenantId(value);
    }

    /** The per-user tenant of a consumer. */
    public static TenantId consumer(UUID uuid) {
        return new TenantId("u-" + uuid);
    }

    /** True for a consumer's per-user tenant ({@code u-{uuid}}). */
    public boolean isConsumer() {
        return value.startsWith("u-");
    }

    @Override
    public String toString() {
        return value;
    }
}
