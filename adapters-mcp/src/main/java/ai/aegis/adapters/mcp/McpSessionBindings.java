package ai.aegis.adapters.mcp;

import ai.aegis.domain.identity.Identity;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.tenancy.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Binds each MCP session to the identity that first used it, so that a request carrying someone
 * else's session id is refused even with a valid token of its own. Session ids are unguessable
 * random UUIDs handed to the client that opened the session, whose next request binds it.
 *
 * <p>Every MCP request passes here, so the common case — a session already bound, used by its
 * owner — takes no lock: a concurrent map lookup and a timestamp. (A single lock here, as an
 * access-ordered map needs, queued every request of every session behind whichever thread held
 * it when the scheduler preempted it.) The table is bounded: when it grows past its bound it
 * forgets the least recently used tenth of its sessions at once, so that the cost of finding them
 * is paid once per many new sessions.
 */
final class McpSessionBindings {

    static final int MAX_SESSIONS = 100_000;

    /** Who owns a session: kind, subject and tenant — not the tier, which may change mid-session. */
    private record Owner(IdentityKind kind, String subject, TenantId tenant) {
        static Owner of(Identity identity) {
            return new Owner(identity.kind(), identity.subject(), TenantScope.of(identity));
        }
    }

    private static final class Binding {
        final Owner owner;
        volatile long lastUsed;

        Binding(Owner owner, long lastUsed) {
            this.owner = owner;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<String, Binding> bindings = new ConcurrentHashMap<>();
    private final int maxSessions;

    McpSessionBindings() {
        this(MAX_SESSIONS);
    }

    /** A table remembering at most {@code maxSessions} sessions (tests use a small bound). */
    McpSessionBindings(int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be positive: " + maxSessions);
        }
        this.maxSessions = maxSessions;
    }

    /** True when {@code sessionId} is unbound (and is now bound to {@code caller}) or already bound to it. */
    boolean admit(String sessionId, Identity caller) {
        Objects.requireNonNull(sessionId, "sessionId");
        Owner claimant = Owner.of(caller);
        long now = System.nanoTime();
        Binding bound = bindings.get(sessionId);
        if (bound == null) {
            Binding fresh = new Binding(claimant, now);
            bound = bindings.putIfAbsent(sessionId, fresh);
            if (bound == null) {
                if (bindings.size() > maxSessions) {
                    forgetLeastRecentlyUsed();
                }
                return true;
            }
        }
        if (!bound.owner.equals(claimant)) {
            return false;
        }
        bound.lastUsed = now;
        return true;
    }

    /** How many sessions are remembered. */
    int size() {
        return bindings.size();
    }

    private record Used(String id, Binding binding, long at) {
    }

    private synchronized void forgetLeastRecentlyUsed() {
        if (bindings.size() <= maxSessions) {
            return;
        }
        // The times are read once: requests keep touching them while the table is sorted.
        List<Used> entries = new ArrayList<>(bindings.size());
        bindings.forEach((id, binding) -> entries.add(new Used(id, binding, binding.lastUsed)));
        entries.sort(Comparator.comparingLong(Used::at));
        int keep = maxSessions - maxSessions / 10;
        int forget = Math.max(0, entries.size() - keep);
        for (int i = 0; i < forget; i++) {
            bindings.remove(entries.get(i).id(), entries.get(i).binding());
        }
    }
}
