package ai.aegis.application.port.out;

import java.time.Instant;

/** The current time. The only source of "now" for use cases, so that tests control time. */
public interface ClockPort {

    Instant now();
}
