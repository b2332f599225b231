package ai.aegis.domain.seal;

import java.util.Objects;

/**
 * A SEAL token together with its signed compact form (a JWS), which is what travels to agents
 * and callers. The compact form is a bearer credential: {@link #toString()} never shows it.
 */
public final class SignedSecurityToken {

    private final SecurityToken token;
    private final String compact;

    public SignedSecurityToken(SecurityToken token, String compact) {
        this.token = Objects.requireNonNull(token, "token");
        if (compact == null || compact.isEmpty()) {
            throw new IllegalArgumentException("a signed SEAL token has a compact form");
        }
        this.compact = compact;
    }

    public SecurityToken token() {
        return token;
    }

    /** The compact JWS. Hand it to the caller; never log it. */
    public String compact() {
        return compact;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedSecurityToken that && compact.equals(that.compact);
    }

    @Override
    public int hashCode() {
        return compact.hashCode();
    }

    @Override
    public String toString() {
        return "SignedSecurityToken[jti=" + token.tokenId() + ", context=" + token.securityContext() + "]";
    }
}
