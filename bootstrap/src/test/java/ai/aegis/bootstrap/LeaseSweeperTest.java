package ai.aegis.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.aegis.application.port.in.LostLeases;
import ai.aegis.domain.error.UnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The dead-node sweep holds back after a database outage, so live nodes can heartbeat before their leases are judged. */
class LeaseSweeperTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger expiries = new AtomicInteger();
    private volatile boolean databaseDown;

    private final LeaseSweeper sweeper = new LeaseSweeper(command -> {
        if (databaseDown) {
            throw new UnavailableException("storage.unavailable", "the database is not reachable right now");
        }
        expiries.incrementAndGet();
        return new LostLeases(List.of(), List.of(), List.of());
    }, () -> !databaseDown, Duration.ofSeconds(30), now::get);

    private void after(int seconds) {
        now.addAndGet(Duration.ofSeconds(seconds).toNanos());
    }

    @Test
    void sweep_databaseUp_expiresEveryTime() {
        sweeper.sweep();
        sweeper.sweep();

        assertThat(expiries).hasValue(2);
    }

    @Test
    void sweep_afterAnOutage_nothingExpiresUntilTheDatabaseHasAnsweredForOneLeaseTime() {
        databaseDown = true;
        sweeper.sweep();
        after(29);
        databaseDown = false;
        after(1);
        sweeper.sweep();
        after(29);
        sweeper.sweep();
        int heldBack = expiries.get();
        after(1);
        sweeper.sweep();

        assertThat(heldBack).as("within 30 s of the database answering again").isZero();
        assertThat(expiries).as("once it has answered for 30 s").hasValue(1);
    }

    @Test
    void sweep_databaseDropsAgainDuringTheHold_holdStartsOverWhenItAnswers() {
        databaseDown = true;
        sweeper.sweep();
        databaseDown = false;
        sweeper.sweep();
        after(20);
        databaseDown = true;
        sweeper.sweep();
        after(20);
        databaseDown = false;
        sweeper.sweep();
        after(20);
        sweeper.sweep();
        int heldBack = expiries.get();
        after(11);
        sweeper.sweep();

        assertThat(heldBack).isZero();
        assertThat(expiries).hasValue(1);
    }
}
