package ai.aegis.bootstrap;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Map;

/**
 * Which identity providers the service trusts. With no issuer configured the service runs its own
 * development identity provider; otherwise both realms must be configured completely: the
 * {@code zaru-consumer} realm for Zaru users and the {@code aegis-system} realm for operators.
 */
record IdentitySettings(String zaruIssuer, URL zaruJwksUrl, String zaruAudience,
                        String operatorIssuer, URL operatorJwksUrl, String operatorAudience) {

    static final String DEFAULT_AUDIENCE = "aegis";

    /** True when no real identity provider is configured and the development one stands in. */
    boolean development() {
        return zaruIssuer == null;
    }

    static IdentitySettings fromEnvironment(Map<String, String> env) {
        String zaruIssuer = blankToNull(env.get("AEGIS_ZARU_ISSUER"));
        String operatorIssuer = blankToNull(env.get("AEGIS_OPERATOR_ISSUER"));
        if (zaruIssuer == null && operatorIssuer == null) {
            for (String leftover : new String[] {"AEGIS_ZARU_JWKS_URL", "AEGIS_OPERATOR_JWKS_URL"}) {
                if (blankToNull(env.get(leftover)) != null) {
                    throw new StartupException(leftover + " is set but its issuer is not; set AEGIS_ZARU_ISSUER and "
                            + "AEGIS_OPERATOR_ISSUER too, or unset it to use the development identity provider");
                }
            }
            return new IdentitySettings(null, null, DEFAULT_AUDIENCE, null, null, DEFAULT_AUDIENCE);
        }
        return new IdentitySettings(
                required(env, "AEGIS_ZARU_ISSUER"), url(env, "AEGIS_ZARU_JWKS_URL"),
                orDefault(env.get("AEGIS_ZARU_AUDIENCE")),
                required(env, "AEGIS_OPERATOR_ISSUER"), url(env, "AEGIS_OPERATOR_JWKS_URL"),
                orDefault(env.get("AEGIS_OPERATOR_AUDIENCE")));
    }

    private static String required(Map<String, String> env, String name) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            throw new StartupException(name + " is required once a real identity provider is configured "
                    + "(both realms, zaru-consumer and aegis-system, need an issuer and a JWKS URL)");
        }
        return value;
    }

    private static URL url(Map<String, String> env, String name) {
        String value = required(env, name);
        try {
            URI uri = URI.create(value);
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new StartupException(name + " must be an http(s) URL");
            }
            return uri.toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new StartupException(name + " is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static String orDefault(String audience) {
        String value = blankToNull(audience);
        return value == null ? DEFAULT_AUDIENCE : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
