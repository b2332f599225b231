package ai.aegis.adapters.mcp;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Binds each MCP session to the identity that first used it, so that a request carrying someone
 * else's session id is refused even with a valid token of its own. Session ids are unguessable
 * random UUIDs handed to the client that opened the session, whose next request binds it; the
 * table forgets the least recently used sessions beyond its bound.
 */
final class McpSessionBindings {

    static final int MAX_SESSIONS = 100_000;

    /** Who owns a session: kind, subject and tenant — not the tier, which may change mid-session. */
    private record Owner(IdentityKind kind, String subject, TenantId tenant) {
        static Owner of(Identity identity) {
            return new Owner(identity.kind(), identity.subject(), TenantScope.of(identity));
        }
    }

    private final Map<String, Owner> owners = new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Owner> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    /** True when {@code sessionId} is unbound (and is now bound to {@code caller}) or already bound to it. */
    synchronized boolean admit(String sessionId, Identity caller) {
        Objects.requireNonNull(sessionId, "sessionId");
        Owner claimant = Owner.of(caller);
        Owner owner = owners.putIfAbsent(sessionId, claimant);
        return owner == null || owner.equals(claimant);
    }
}
