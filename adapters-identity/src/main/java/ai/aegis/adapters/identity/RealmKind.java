package ai.aegis.adapters.identity;

/**
 * The two identity paths the service trusts. Each realm has its own issuer, key set and audience,
 * and its own claims: consumers carry {@code zaru_tier} and {@code tenant_id}, operators carry
 * {@code aegis_role}; a token carrying the other realm's claims is refused.
 */
public enum RealmKind {
    /** The shared {@code zaru-consumer} realm: Zaru users, one per-user tenant each. */
    ZARU_CONSUMER,
    /** The {@code aegis-system} realm: platform operators. */
    AEGIS_SYSTEM
}
