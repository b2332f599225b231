package ai.aegis.adapters.persistence;

import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealSession;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * SEAL bindings (token id → agent key) in PostgreSQL, so an agent attested on one instance can send
 * envelopes to any instance. A token id is bound once: the primary key decides a race between
 * instances, and a binding that has not expired is never replaced. An expired binding is invisible
 * and may be taken over (token ids are never reissued, so in practice it is only purged).
 *
 * <p>Lookups by token id happen before the caller is trusted and token ids are globally unique, so
 * rows carry no tenant and statements run through {@link TenantTransactions#acrossTenants}:
 * {@code "seal verification"} for {@link #findByTokenId}, {@code "seal attestation"} for
 * {@link #bind}. PostgreSQL keeps microseconds; an expiry is stored rounded down, so a binding
 * never outlives its token. {@link #purgeExpired} deletes ended bindings and should be scheduled.
 */
public final class SealSessionPersistenceAdapter implements SealSessionPort {

    private static final String VERIFICATION = "seal verification";
    private static final String ATTESTATION = "seal attestation";
    private static final String HOUSEKEEPING = "seal housekeeping";

    private final TenantTransactions transactions;
    private final ClockPort clock;

    public SealSessionPersistenceAdapter(Jdbi jdbi, ClockPort clock) {
        this.transactions = new TenantTransactions(Objects.requireNonNull(jdbi, "jdbi"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void bind(SealSession session) {
        Objects.requireNonNull(session, "session");
        int changed = transactions.acrossTenants(ATTESTATION, handle -> handle.createUpdate("""
                        INSERT INTO seal_session (token_id, agent_key, execution_id, expires_at)
                        VALUES (:token, :key, :execution, :expiresAt)
                        ON CONFLICT (token_id) DO UPDATE SET agent_key = EXCLUDED.agent_key,
                            execution_id = EXCLUDED.execution_id, expires_at = EXCLUDED.expires_at
                        WHERE seal_session.expires_at <= :now""")
                .bind("token", session.tokenId())
                .bind("key", session.agentKey().rawBytes())
                .bind("execution", session.executionId())
                .bind("expiresAt", roundedDown(session.expiresAt()))
                .bind("now", roundedDown(clock.now()))
                .execute());
        if (changed == 0) {
            throw new AlreadyExistsException("seal.session_exists", "an agent key is already bound to this SEAL token");
        }
    }

    @Override
    public Optional<SealSession> findByTokenId(String tokenId) {
        Objects.requireNonNull(tokenId, "tokenId");
        return transactions.acrossTenants(VERIFICATION, handle -> handle.createQuery("""
                        SELECT token_id, agent_key, execution_id, expires_at FROM seal_session
                        WHERE token_id = :token AND expires_at > :now""")
                .bind("token", tokenId)
                .bind("now", roundedDown(clock.now()))
                .map((rs, ctx) -> new SealSession(rs.getString("token_id"), SealAgentKey.fromRaw(rs.getBytes("agent_key")),
                        rs.getString("execution_id"), rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                .findOne());
    }

    /**
     * Deletes bindings that expired at or before {@code now}; answers how many. Safe to run on
     * several instances at once.
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return transactions.acrossTenants(HOUSEKEEPING, handle -> handle.createUpdate(
                        "DELETE FROM seal_session WHERE expires_at <= :now")
                .bind("now", roundedDown(now))
                .execute());
    }

    private static OffsetDateTime roundedDown(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }
}
