package ai.aegis.application.port.in;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.security.SecurityContextName;
import ai.aegis.domain.seal.SignedSecurityToken;
import java.util.Objects;

/**
 * A caller whose credential has been verified: the identity, and the SEAL security token issued
 * for this request, bound to the identity's security context.
 */
public record AuthenticatedCaller(Identity identity, SignedSecurityToken securityToken) {

    public AuthenticatedCaller {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(securityToken, "securityToken");
    }

    /** The security context the SEAL token grants ({@code zaru-<tier>} or {@code aegis-system-operator}). */
    public SecurityContextName securityContext() {
        return securityToken.token().securityContext();
    }

    /** The compact, signed SEAL token; a bearer credential, never logged. */
    public String compactSecurityToken() {
        return securityToken.compact();
    }
}
