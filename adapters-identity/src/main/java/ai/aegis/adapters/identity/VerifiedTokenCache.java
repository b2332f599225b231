package ai.aegis.adapters.identity;

import ai.aegis.application.port.out.VerifiedCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens by fingerprint (a SHA-256 of the token, never the token). Bounded: when full,
 * expired entries go first, then arbitrary ones. An entry never outlives its token's {@code exp}
 * nor {@code maxAge}.
 */
final class VerifiedTokenCache {

    private record Entry(VerifiedCredential credential, Instant validUntil) {
    }

    private final int maxEntries;
    private final Duration maxAge;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedTokenCache(int maxEntries, Duration maxAge) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
    }

    VerifiedCredential get(String fingerprint, Instant now) {
        if (maxEntries == 0) {
            return null;
        }
        Entry entry = entries.get(fingerprint);
        if (entry == null) {
            return null;
        }
        if (!now.isBefore(entry.validUntil())) {
            entries.remove(fingerprint, entry);
            return null;
        }
        return entry.credential();
    }

    void put(String fingerprint, VerifiedCredential credential, Instant now) {
        if (maxEntries == 0) {
            return;
        }
        Instant cap = now.plus(maxAge);
        Instant validUntil = credential.expiresAt().isBefore(cap) ? credential.expiresAt() : cap;
        if (!now.isBefore(validUntil)) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.values().removeIf(e -> !now.isBefore(e.validUntil()));
            Iterator<String> keys = entries.keySet().iterator();
            while (entries.size() >= maxEntries && keys.hasNext()) {
                keys.next();
                keys.remove();
            }
        }
        entries.put(fingerprint, new Entry(credential, validUntil));
    }

    int size() {
        return entries.size();
    }
}
