package ai.aegis.domain.security;

import ai.aegis.domain.error.InvalidInputException;
import ai.aegis.domain.identity.Identity;
import java.util.regex.Pattern;

/**
 * The name of a SEAL security context. Names live in three namespaces: {@code zaru-…} (consumer
 * tiers), {@code tenant-{slug}-…} (per-tenant custom contexts) and {@code aegis-system-…} (platform
 * contexts: operators and agent containers). Any other name is refused.
 */
public record SecurityContextName(String value) {

    private static final Pattern NAME = Pattern.compile(
            "(zaru-[a-z0-9][a-z0-9-]{0,62}"
                    + "|tenant-[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}-[a-z0-9][a-z0-9-]{0,62}"
                    + "|aegis-system-[a-z0-9][a-z0-9-]{0,62})");

    /** The context every operator session maps to. */
    public static final SecurityContextName OPERATOR = new SecurityContextName("aegis-system-operator");

    /** The context agent containers run under, whatever the tier of the user who started them. */
    public static final SecurityContextName AGENT_RUNTIME = new SecurityContextName("aegis-system-agent-runtime");

    public SecurityContextName {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidInputException("context.invalid_name",
                    "security context name must start with zaru-, tenant-{slug}- or aegis-system- "
                            + "and use lower-case letters, digits and hyphens");
        }
    }

    public static SecurityContextName of(String value) {
        return new SecurityContextName(value);
    }

    /**
     * The name of the context a verified identity maps to ({@code zaru-<tier>} for consumers,
     * {@code aegis-system-operator} for operators); the mapping itself lives in
     * {@link BuiltInContexts#forIdentity}. Derived from the identity only, never from a request.
     */
    public static SecurityContextName forIdentity(Identity identity) {
        return BuiltInContexts.forIdentity(identity).name();
    }

    @Override
    public String toString() {
        return value;
    }
}
