package ai.aegis.application.memory;

import ai.aegis.application.port.out.ClockPort;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that stands still until a test moves it. Thread-safe. */
public final class InMemoryClockAdapter implements ClockPort {

    private final AtomicReference<Instant> now;

    public InMemoryClockAdapter(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void advance(Duration by) {
        now.updateAndGet(current -> current.plus(by));
    }
}
