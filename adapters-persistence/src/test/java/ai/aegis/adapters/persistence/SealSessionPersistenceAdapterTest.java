package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.application.contract.SealSessionPortContract;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealSessionPort;
import ai.aegis.domain.error.AlreadyExistsException;
import ai.aegis.domain.seal.SealAgentKey;
import ai.aegis.domain.seal.SealSession;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The session contract against PostgreSQL, plus sharing between instances, precision and the purge. */
class SealSessionPersistenceAdapterTest extends SealSessionPortContract {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected SealSessionPort newSessionPort(ClockPort clock) {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE seal_session"));
        return new SealSessionPersistenceAdapter(DATABASE.persistence().jdbi(), clock);
    }

    private static SealAgentKey key(int seed) {
        byte[] raw = new byte[SealAgentKey.RAW_LENGTH];
        Arrays.fill(raw, (byte) seed);
        return SealAgentKey.fromRaw(raw);
    }

    @Test
    void bind_onOneInstance_foundAndRefusedOnTheOther() {
        ClockPort clock = new InMemoryClockAdapter(NOW);
        newSessionPort(clock);
        SealSession session = new SealSession("jti-0000000000000001", key(1), "exec-1", NOW.plusSeconds(900));
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings())) {
            new SealSessionPersistenceAdapter(DATABASE.persistence().jdbi(), clock).bind(session);
            SealSessionPersistenceAdapter second = new SealSessionPersistenceAdapter(other.jdbi(), clock);

            assertThat(second.findByTokenId("jti-0000000000000001")).contains(session);
            assertThatThrownBy(() -> second.bind(new SealSession("jti-0000000000000001", key(2), "exec-1",
                    NOW.plusSeconds(900)))).isInstanceOf(AlreadyExistsException.class);
        }
    }

    @Test
    void bind_expiryWithNanoseconds_bindingNeverOutlivesTheToken() {
        Instant expiry = NOW.plusSeconds(900).plusNanos(999);
        SealSessionPort sessions = newSessionPort(new InMemoryClockAdapter(NOW));
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", expiry));

        Instant stored = sessions.findByTokenId("jti-0000000000000001").orElseThrow().expiresAt();
        assertThat(stored).isBeforeOrEqualTo(expiry).isAfter(expiry.minusNanos(1000));
    }

    @Test
    void purgeExpired_mixOfExpiredAndLive_deletesOnlyExpired() {
        SealSessionPersistenceAdapter sessions = (SealSessionPersistenceAdapter) newSessionPort(new InMemoryClockAdapter(NOW));
        sessions.bind(new SealSession("jti-0000000000000001", key(1), "exec-1", NOW.plusSeconds(10)));
        sessions.bind(new SealSession("jti-0000000000000002", key(2), null, NOW.plusSeconds(900)));

        assertThat(sessions.purgeExpired(NOW.plusSeconds(10))).isEqualTo(1);
        assertThat(sessions.findByTokenId("jti-0000000000000002")).isPresent();
        List<String> kept = DATABASE.persistence().jdbi().withHandle(h -> h.createQuery("SELECT token_id FROM seal_session")
                .mapTo(String.class).list());
        assertThat(kept).containsExactly("jti-0000000000000002");
    }

    @Test
    void directInsert_agentKeyOfWrongLength_refusedByTheDatabase() {
        newSessionPort(new InMemoryClockAdapter(NOW));

        assertThatThrownBy(() -> DATABASE.persistence().jdbi().useHandle(h -> h.execute(
                "INSERT INTO seal_session VALUES ('jti-0000000000000009', '\\x0102'::bytea, NULL, now())")))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }
}
