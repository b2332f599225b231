package ai.aegis.domain.limits;

import ai.aegis.domain.error.InvalidInputException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * The length of a rate-limit window. Windows are <b>fixed and aligned to UTC</b>: a minute window
 * runs from second 0 to the next minute, an hour from minute 0, a day from 00:00 UTC, a week from
 * Monday 00:00 UTC (ISO weeks), a month from the 1st 00:00 UTC. Every instance computes the same
 * window for the same instant, so a count shared in one database is exact across instances without
 * any coordination beyond the counter row.
 *
 * <p>Edge behaviour (the price of fixed windows): the count starts at zero when a window begins,
 * so a caller who uses the whole limit at the very end of one window and again at the very start
 * of the next gets up to twice the limit within a span shorter than one window length (e.g. 3 at
 * 12:00:59 and 3 at 12:01:00 on a 3-per-minute limit). Within any single aligned window the limit
 * holds exactly.
 */
public enum RateWindow {
    MINUTE,
    HOUR,
    DAY,
    WEEK,
    MONTH;

    /** The start of the window containing {@code instant} (inclusive). */
    public Instant startOf(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        switch (this) {
            case MINUTE:
                return instant.truncatedTo(ChronoUnit.MINUTES);
            case HOUR:
                return instant.truncatedTo(ChronoUnit.HOURS);
            case DAY:
                return instant.truncatedTo(ChronoUnit.DAYS);
            case WEEK:
                return utcDay(instant).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH:
                return utcDay(instant).withDayOfMonth(1).toInstant();
            default:
                throw new IllegalStateException("unhandled window " + this);
        }
    }

    /** The end of the window containing {@code instant} (exclusive): the start of the next one. */
    public Instant endOf(Instant instant) {
        Instant start = startOf(instant);
        switch (this) {
            case MINUTE:
                return start.plus(1, ChronoUnit.MINUTES);
            case HOUR:
                return start.plus(1, ChronoUnit.HOURS);
            case DAY:
                return start.plus(1, ChronoUnit.DAYS);
            case WEEK:
                return start.plus(7, ChronoUnit.DAYS);
            case MONTH:
                return ZonedDateTime.ofInstant(start, ZoneOffset.UTC).plusMonths(1).toInstant();
            default:
                throw new IllegalStateException("unhandled window " + this);
        }
    }

    /** Lower-case name for codes, counters and messages: {@code minute}, {@code hour}, … */
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #slug()} (case-insensitive). */
    public static RateWindow parse(String value) {
        if (value != null) {
            for (RateWindow window : values()) {
                if (window.slug().equalsIgnoreCase(value.trim())) {
                    return window;
                }
            }
        }
        throw new InvalidInputException("limits.invalid_window",
                "a rate-limit window is minute, hour, day, week or month, not " + value);
    }

    private static ZonedDateTime utcDay(Instant instant) {
        return ZonedDateTime.ofInstant(instant.truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC);
    }
}
