package ai.aegis.application.port.out;

import java.time.Instant;

/** The current instant. Services read time only through this port, so tests control it. */
public interface ClockPort {

    /** The current instant. */
    Instant now();
}
