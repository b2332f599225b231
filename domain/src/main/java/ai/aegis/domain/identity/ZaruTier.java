package ai.aegis.domain.identity;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;

/**
 * A Zaru consumer's subscription tier, read from the verified {@code zaru_tier} claim. It decides
 * the consumer's security context and resource limits; it never grants operator powers.
 */
public enum ZaruTier {
    FREE("Free"),
    PRO("Pro"),
    BUSINESS("Business"),
    ENTERPRISE("Enterprise");

    private final String displayName;

    ZaruTier(String displayName) {
        this.displayName = displayName;
    }

    /** The name as the seed and the JWT claim spell it: {@code Free}, {@code Pro}, ... */
    public String displayName() {
        return displayName;
    }

    /** Lower-case form used in context names and configuration keys: {@code free}, {@code pro}, ... */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a tier claim case-insensitively ({@code pro}, {@code Pro}, {@code PRO}).
     *
     * @throws InvalidInputException naming the accepted values when the text is not a tier
     */
    public static ZaruTier parse(String text) {
        if (text != null) {
            String wanted = text.trim();
            for (ZaruTier tier : values()) {
                if (tier.name().equalsIgnoreCase(wanted)) {
                    return tier;
                }
            }
        }
        throw new InvalidInputException("tier.unknown",
                "unknown Zaru tier " + quoteShort(text) + "; expected one of Free, Pro, Business, Enterprise");
    }

    static String quoteShort(String text) {
        if (text == null) {
            return "(none)";
        }
        String clean = text.codePoints()
                .filter(c -> c >= 0x20 && c != 0x7f)
                .limit(40)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return "'" + clean + (text.length() > 40 ? "…'" : "'");
    }
}
