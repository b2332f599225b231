package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS host name as used in domain allowlists and web tool requests: lower-cased, without a
 * trailing dot. Allowlist matching is on label boundaries: {@code example.com} matches
 * {@code example.com} and {@code api.example.com}, never {@code badexample.com}.
 */
public record DomainName(String value) {

    private static final Pattern LABELS = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");

    public DomainName {
        if (value == null || value.length() > 253 || !LABELS.matcher(value).matches()) {
            throw new InvalidInputException("policy.invalid_domain",
                    "domain must be a lower-case DNS name such as api.example.com");
        }
    }

    /**
     * Parses a host name case-insensitively, tolerating one trailing dot.
     *
     * @throws InvalidInputException when the text is not a DNS host name
     */
    public static DomainName parse(String text) {
        if (text == null) {
            throw new InvalidInputException("policy.invalid_domain", "domain is missing");
        }
        String host = text.trim().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.length() > 253 || !LABELS.matcher(host).matches()) {
            throw new InvalidInputException("policy.invalid_domain",
                    "domain " + AbsolutePath.quote(text) + " is not a DNS host name");
        }
        return new DomainName(host);
    }

    /** True when this host is {@code allowed} itself or a subdomain of it (label boundary). */
    public boolean isWithin(DomainName allowed) {
        return value.equals(allowed.value) || value.endsWith("." + allowed.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
