package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.domain.seal.SecurityToken;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * Revoked SEAL tokens in PostgreSQL, keyed by token id ({@code seal_revoked_token}), so a revocation
 * made on one instance holds on every instance. Revoking again never shortens a revocation: the
 * later keep-until wins. Ended executions need no rows here: their tokens act only while they run.
 *
 * <p>Token ids are globally unique and the check runs before anything about the caller is trusted,
 * so these rows carry no tenant and every statement runs through
 * {@link TenantTransactions#acrossTenants}: {@code "seal verification"} for {@link #isRevoked},
 * {@code "seal revocation"} for the writes. Rows past their keep-until are ignored by
 * {@link #isRevoked} and deleted by {@link #purgeExpired}, which the service should schedule.
 */
public final class SealRevocationPersistenceAdapter implements SealRevocationPort {

    private static final String VERIFICATION = "seal verification";
    private static final String REVOCATION = "seal revocation";
    private static final String HOUSEKEEPING = "seal housekeeping";

    private final TenantTransactions transactions;
    private final ClockPort clock;

    public SealRevocationPersistenceAdapter(Jdbi jdbi, ClockPort clock) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Revokes until {@code keepUntil}; revoking again may extend a revocation, never shorten it. */
    @Override
    public void revokeToken(String tokenId, Instant keepUntil) {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(keepUntil, "keepUntil");
        transactions.acrossTenants(REVOCATION, handle -> handle.createUpdate("""
                        INSERT INTO seal_revoked_token (token_id, keep_until) VALUES (:id, :keepUntil)
                        ON CONFLICT (token_id)
                        DO UPDATE SET keep_until = GREATEST(seal_revoked_token.keep_until, EXCLUDED.keep_until)""")
                .bind("id", tokenId)
                .bind("keepUntil", roundedUp(keepUntil))
                .execute());
    }

    @Override
    public boolean isRevoked(SecurityToken token) {
        Objects.requireNonNull(token, "token");
        return transactions.acrossTenants(VERIFICATION, handle -> handle.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM seal_revoked_token WHERE token_id = :token AND keep_until > :now)""")
                .bind("token", token.tokenId())
                .bind("now", roundedDown(clock.now()))
                .mapTo(Boolean.class)
                .one());
    }

    /**
     * Deletes revocations whose keep-until is at or before {@code now}; answers how many. Safe to run
     * on several instances at once.
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        OffsetDateTime cut = roundedDown(now);
        return transactions.acrossTenants(HOUSEKEEPING, handle ->
                handle.createUpdate("DELETE FROM seal_revoked_token WHERE keep_until <= :now").bind("now", cut).execute());
    }

    // PostgreSQL keeps microseconds: a revocation is kept up to a microsecond longer, never shorter.
    private static OffsetDateTime roundedUp(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.ofInstant(down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static OffsetDateTime roundedDown(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
