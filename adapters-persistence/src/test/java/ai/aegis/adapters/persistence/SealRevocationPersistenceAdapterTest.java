package ai.aegis.adapters.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.contract.SealRevocationPortContract;
import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.identity.TenantId;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The revocation contract against PostgreSQL, plus sharing between instances and the purge. */
class SealRevocationPersistenceAdapterTest extends SealRevocationPortContract {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    @RegisterExtension
    static final PostgresDatabase DATABASE = new PostgresDatabase();

    @Override
    protected SealRevocationPort newRevocationPort(ClockPort clock) {
        DATABASE.persistence().jdbi().useHandle(h -> h.execute("TRUNCATE seal_revoked_token"));
        return new SealRevocationPersistenceAdapter(DATABASE.persistence().jdbi(), clock);
    }

    private static SecurityToken token(String tokenId, String executionId, Instant expiresAt) {
        return new SecurityToken(tokenId, "user-1", IdentityKind.ZARU_USER, TenantId.of("acme-labs"),
                SecurityContextName.AGENT_RUNTIME, executionId, NOW, expiresAt);
    }

    private static int rows() {
        return DATABASE.persistence().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM seal_revoked_token")
                .mapTo(Integer.class).one());
    }

    @Test
    void revokeToken_onOneInstance_revokedOnTheOther() {
        ClockPort clock = new InMemoryClockAdapter(NOW);
        newRevocationPort(clock);
        try (PostgresPersistence other = PostgresPersistence.start(DATABASE.settings())) {
            new SealRevocationPersistenceAdapter(DATABASE.persistence().jdbi(), clock)
                    .revokeToken("jti-0000000000000001", NOW.plusSeconds(900));

            assertThat(new SealRevocationPersistenceAdapter(other.jdbi(), clock)
                    .isRevoked(token("jti-0000000000000001", "exec-1", NOW.plusSeconds(900)))).isTrue();
        }
    }

    @Test
    void purgeExpired_mixOfExpiredAndLive_deletesOnlyExpired() {
        SealRevocationPersistenceAdapter revocations =
                (SealRevocationPersistenceAdapter) newRevocationPort(new InMemoryClockAdapter(NOW));
        revocations.revokeToken("jti-0000000000000001", NOW.plusSeconds(10));
        revocations.revokeToken("jti-0000000000000002", NOW.plusSeconds(900));
        revocations.revokeToken("jti-0000000000000003", NOW.plusSeconds(5));

        assertThat(revocations.purgeExpired(NOW.plusSeconds(10))).isEqualTo(2);
        assertThat(rows()).isEqualTo(1);
        assertThat(revocations.isRevoked(token("jti-0000000000000002", null, NOW.plusSeconds(900)))).isTrue();
    }

    @Test
    void isRevoked_keepUntilWithNanoseconds_revokedUntilThatInstant() {
        Instant deadline = NOW.plusSeconds(900).plusNanos(1);
        SealRevocationPort revocations = newRevocationPort(new InMemoryClockAdapter(NOW.plusSeconds(900)));
        revocations.revokeToken("jti-0000000000000001", deadline);

        assertThat(revocations.isRevoked(token("jti-0000000000000001", "exec-1", deadline))).isTrue();
    }
}
