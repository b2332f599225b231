package ai.aegis.domain.identity;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;

/**
 * A platform operator's role, read from the verified {@code aegis_role} claim. Roles are graduated:
 * {@code READONLY} &lt; {@code OPERATOR} &lt; {@code ADMIN}; a higher role may do everything a lower
 * one may.
 */
public enum AegisRole {
    /** Read any object, list executions, stream events; no mutations. */
    READONLY,
    /** Deploy and manage agents and workflows, start and cancel executions, manage volumes. */
    OPERATOR,
    /** Everything, plus daemon configuration and user management. */
    ADMIN;

    /** The claim value: {@code admin}, {@code operator}, {@code readonly}. */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this role carries at least the powers of {@code required}. */
    public boolean includes(AegisRole required) {
        return ordinal() >= required.ordinal();
    }

    /**
     * Parses a role as it appears in tokens: {@code admin}, {@code aegis:admin} or
     * {@code aegis-admin} (Keycloak realm-role spellings), case-insensitively.
     *
     * @throws InvalidInputException naming the accepted values when the text is not a role
     */
    public static AegisRole parse(String text) {
        AegisRole role = parseOrNull(text);
        if (role == null) {
            throw new InvalidInputException("role.unknown", "unknown AEGIS role " + ZaruTier.quoteShort(text)
                    + "; expected one of admin, operator, readonly (optionally prefixed aegis: or aegis-)");
        }
        return role;
    }

    /** Like {@link #parse} but answers {@code null} for text that is not a role, for claim lists. */
    public static AegisRole parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("aegis:") || value.startsWith("aegis-")) {
            value = value.substring("aegis:".length());
        }
        for (AegisRole role : values()) {
            if (role.claimValue().equals(value)) {
                return role;
            }
        }
        return null;
    }
}
