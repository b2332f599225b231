package ai.aegis.domain.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.aegis.domain.error.InvalidInputException;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class RateWindowTest {

    // A Wednesday, 2026-11-25, in the last hours of the month's fourth week.
    private static final Instant AT = Instant.parse("2026-11-25T13:47:12.345Z");

    @Test
    void startAndEnd_eachWindow_alignedToUtc() {
        assertThat(RateWindow.MINUTE.startOf(AT)).isEqualTo("2026-11-25T13:47:00Z");
        assertThat(RateWindow.MINUTE.endOf(AT)).isEqualTo("2026-11-25T13:48:00Z");
        assertThat(RateWindow.HOUR.startOf(AT)).isEqualTo("2026-11-25T13:00:00Z");
        assertThat(RateWindow.HOUR.endOf(AT)).isEqualTo("2026-11-25T14:00:00Z");
        assertThat(RateWindow.DAY.startOf(AT)).isEqualTo("2026-11-25T00:00:00Z");
        assertThat(RateWindow.DAY.endOf(AT)).isEqualTo("2026-11-26T00:00:00Z");
        assertThat(RateWindow.WEEK.startOf(AT)).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(RateWindow.WEEK.endOf(AT)).isEqualTo("2026-11-30T00:00:00Z");
        assertThat(RateWindow.MONTH.startOf(AT)).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(RateWindow.MONTH.endOf(AT)).isEqualTo("2026-12-01T00:00:00Z");
    }

    @Test
    void startOf_exactlyAtBoundary_belongsToTheNewWindow() {
        Instant midnight = Instant.parse("2026-12-01T00:00:00Z");

        assertThat(RateWindow.MONTH.startOf(midnight)).isEqualTo(midnight);
        assertThat(RateWindow.MONTH.startOf(midnight.minusNanos(1))).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(RateWindow.WEEK.startOf(Instant.parse("2026-11-30T00:00:00Z"))).isEqualTo("2026-11-30T00:00:00Z");
    }

    @Test
    void endOf_february_leapYearHas29Days() {
        assertThat(RateWindow.MONTH.endOf(Instant.parse("2028-02-10T00:00:00Z"))).isEqualTo("2028-03-01T00:00:00Z");
        assertThat(RateWindow.MONTH.endOf(Instant.parse("2027-02-10T00:00:00Z"))).isEqualTo("2027-03-01T00:00:00Z");
    }

    @Property
    void startOf_anyInstant_windowContainsItAndStartIsStable(
            @ForAll @LongRange(min = 0, max = 4_102_444_800L) long epochSecond, @ForAll @LongRange(max = 999_999_999) long nanos) {
        Instant instant = Instant.ofEpochSecond(epochSecond, nanos);
        for (RateWindow window : RateWindow.values()) {
            Instant start = window.startOf(instant);
            Instant end = window.endOf(instant);
            assertThat(start).isBeforeOrEqualTo(instant);
            assertThat(end).isAfter(instant);
            assertThat(window.startOf(start)).isEqualTo(start);
            assertThat(window.startOf(end)).isEqualTo(end);
            assertThat(window.startOf(end.minusNanos(1))).isEqualTo(start);
        }
    }

    @Test
    void parse_slugs_roundTripAndUnknownRefused() {
        for (RateWindow window : RateWindow.values()) {
            assertThat(RateWindow.parse(window.slug().toUpperCase())).isEqualTo(window);
        }
        assertThatThrownBy(() -> RateWindow.parse("fortnight")).isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("code", "limits.invalid_window");
    }
}
