package ai.aegis.application.contract;

import static ai.aegis.application.contract.ContractFixtures.NOW;
import static ai.aegis.application.contract.ContractFixtures.TENANT_A;
import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.memory.InMemoryClockAdapter;
import ai.aegis.application.port.out.ClockPort;
import ai.aegis.application.port.out.SealRevocationPort;
import ai.aegis.domain.identity.IdentityKind;
import ai.aegis.domain.seal.SecurityToken;
import ai.aegis.domain.security.SecurityContextName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SealRevocationPort} adapter must do: a token revoked by its id reads as revoked
 * until the revocation's keep-until instant; nothing else is revoked (not its execution's other
 * tokens); a second revocation never shortens the first. Forgetting after keep-until is
 * allowed, not required, so it is not asserted here.
 */
public abstract class SealRevocationPortContract {

    private static final Duration TOKEN_LIFE = Duration.ofMinutes(15);
    private static final Instant KEEP_UNTIL = NOW.plus(TOKEN_LIFE);

    private InMemoryClockAdapter clock;
    private SealRevocationPort revocations;

    /** A fresh, empty adapter reading "now" from {@code clock}. */
    protected abstract SealRevocationPort newRevocationPort(ClockPort clock);

    @BeforeEach
    void setUpRevocations() {
        clock = new InMemoryClockAdapter(NOW);
        revocations = newRevocationPort(clock);
    }

    private static SecurityToken token(String tokenId, String executionId) {
        return new SecurityToken(tokenId, "user-1", IdentityKind.ZARU_USER, TENANT_A, SecurityContextName.AGENT_RUNTIME,
                executionId, NOW, NOW.plus(TOKEN_LIFE));
    }

    @Test
    void isRevoked_nothingRevoked_false() {
        assertThat(revocations.isRevoked(token("jti-0000000000000001", "exec-1"))).isFalse();
        assertThat(revocations.isRevoked(token("jti-0000000000000002", null))).isFalse();
    }

    @Test
    void revokeToken_thatToken_revoked() {
        revocations.revokeToken("jti-0000000000000001", KEEP_UNTIL);

        assertThat(revocations.isRevoked(token("jti-0000000000000001", "exec-1"))).isTrue();
        assertThat(revocations.isRevoked(token("jti-0000000000000001", null))).isTrue();
    }

    @Test
    void revokeToken_otherTokenOfSameExecution_notRevoked() {
        revocations.revokeToken("jti-0000000000000001", KEEP_UNTIL);

        assertThat(revocations.isRevoked(token("jti-0000000000000002", "exec-1"))).isFalse();
    }

    @Test
    void revokeToken_tokenIdNamedAsExecution_doesNotRevokeThatExecution() {
        revocations.revokeToken("exec-0000000000000001", KEEP_UNTIL);

        assertThat(revocations.isRevoked(token("jti-0000000000000002", "exec-0000000000000001"))).isFalse();
    }

    @Test
    void revokeToken_justBeforeKeepUntil_stillRevoked() {
        revocations.revokeToken("jti-0000000000000001", KEEP_UNTIL);
        clock.advance(TOKEN_LIFE.minusMillis(1));

        assertThat(revocations.isRevoked(token("jti-0000000000000001", null))).isTrue();
    }

    @Test
    void revokeToken_againWithEarlierKeepUntil_laterOneKept() {
        revocations.revokeToken("jti-0000000000000001", KEEP_UNTIL);
        revocations.revokeToken("jti-0000000000000001", NOW.plusSeconds(1));
        clock.advance(Duration.ofMinutes(5));

        assertThat(revocations.isRevoked(token("jti-0000000000000001", null))).isTrue();
    }

    @Test
    void revokeToken_againWithLaterKeepUntil_extended() {
        revocations.revokeToken("jti-0000000000000001", NOW.plusSeconds(1));
        revocations.revokeToken("jti-0000000000000001", KEEP_UNTIL);
        clock.advance(Duration.ofMinutes(5));

        assertThat(revocations.isRevoked(token("jti-0000000000000001", null))).isTrue();
    }

    @Test
    void revokeToken_oneExpiredOneLive_liveStillRevoked() {
        revocations.revokeToken("jti-0000000000000001", NOW.plusSeconds(1));
        revocations.revokeToken("jti-0000000000000002", KEEP_UNTIL);
        clock.advance(Duration.ofMinutes(1));

        assertThat(revocations.isRevoked(token("jti-0000000000000002", null))).isTrue();
    }
}
