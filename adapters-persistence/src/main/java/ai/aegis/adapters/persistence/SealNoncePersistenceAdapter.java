package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealNoncePort;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * SEAL envelope nonces in PostgreSQL, shared by every instance on the database: a replay sent to
 * another instance is refused too. The first use is one {@code INSERT … ON CONFLICT} statement
 * whose row count is the answer, so the primary key decides a race, whichever instances run it.
 *
 * <p>Nonces are global (they start with the globally unique token id), so statements run through
 * {@link TenantTransactions#acrossTenants} with the reason {@code "seal verification"}. A row
 * whose keep-until has passed no longer refuses anything even before {@link #purgeExpired} removes
 * it; the service should call that method periodically to keep the table small.
 */
public final class SealNoncePersistenceAdapter implements SealNoncePort {

    private static final String VERIFICATION = "seal verification";
    private static final String HOUSEKEEPING = "seal housekeeping";

    private final TenantTransactions transactions;
    private final ClockPort clock;

    public SealNoncePersistenceAdapter(Jdbi jdbi, ClockPort clock) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean recordFirstUse(String nonce, Instant keepUntil) {
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(keepUntil, "keepUntil");
        // An expired row that the purge has not reached yet is taken over, exactly as if it were gone.
        int changed = transactions.acrossTenants(VERIFICATION, handle -> handle.createUpdate("""
                        INSERT INTO seal_nonce (nonce, keep_until) VALUES (:nonce, :keepUntil)
                        ON CONFLICT (nonce) DO UPDATE SET keep_until = EXCLUDED.keep_until
                        WHERE seal_nonce.keep_until <= :now""")
                .bind("nonce", nonce)
                .bind("keepUntil", roundedUp(keepUntil))
                .bind("now", roundedDown(clock.now()))
                .execute());
        return changed == 1;
    }

    /**
     * Deletes the nonces whose keep-until is at or before {@code now}; answers how many. Safe to run
     * on several instances at once and as often as wanted.
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.acrossTenants(HOUSEKEEPING, handle -> handle.createUpdate(
                        "DELETE FROM seal_nonce WHERE keep_until <= :now")
                .bind("now", roundedDown(now))
                .execute());
    }

    // PostgreSQL keeps microseconds: a nonce is remembered up to a microsecond longer, never shorter.
    private static OffsetDateTime roundedUp(Instant instant) {
        Instant down = instant.truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.ofInstant(down.equals(instant) ? down : down.plus(1, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static OffsetDateTime roundedDown(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
