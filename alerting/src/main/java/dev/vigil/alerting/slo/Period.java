package dev.vigil.alerting.slo;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/** The stretch of time an SLO's error budget covers. */
public sealed interface Period permits Period.Rolling, Period.CalendarWeek, Period.CalendarMonth {

    int MAX_ROLLING_DAYS = 90;

    /** Start (inclusive) of the period that contains {@code now}. */
    Instant start(Instant now);

    /** Full length of the period that contains {@code now} (a calendar month has 28 to 31 days). */
    Duration length(Instant now);

    /** Length used to scale the default rules: N days, a week, or 30 days for a month. */
    Duration nominalLength();

    /** The text form used in SLO files: {@code 30d}, {@code calendar-week}, {@code calendar-month}. */
    String text();

    /** Days of data the period can reach back to. */
    default int days() {
        return (int) Math.max(1, nominalLength().toDays());
    }

    static Period parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals("calendar-week")) {
            return new CalendarWeek();
        }
        if (t.equals("calendar-month")) {
            return new CalendarMonth();
        }
        if (t.matches("\\d{1,3}d")) {
            int days = Integer.parseInt(t.substring(0, t.length() - 1));
            if (days < 1 || days > MAX_ROLLING_DAYS) {
                throw new IllegalArgumentException("a rolling period must be between 1d and " + MAX_ROLLING_DAYS + "d, got " + t);
            }
            return new Rolling(days);
        }
        throw new IllegalArgumentException("'" + text + "' is not a period; use Nd (rolling, 1d to " + MAX_ROLLING_DAYS
                + "d), calendar-week or calendar-month");
    }

    /** The last N days up to now. */
    record Rolling(int days) implements Period {
        public Rolling {
            if (days < 1 || days > MAX_ROLLING_DAYS) {
                throw new IllegalArgumentException("a rolling period must be between 1 and " + MAX_ROLLING_DAYS + " days, got " + days);
            }
        }

        @Override
        public Instant start(Instant now) {
            return now.minus(Duration.ofDays(days));
        }

        @Override
        public Duration length(Instant now) {
            return Duration.ofDays(days);
        }

        @Override
        public Duration nominalLength() {
            return Duration.ofDays(days);
        }

        @Override
        public String text() {
            return days + "d";
        }
    }

    /** The ISO week (Monday 00:00 UTC) that contains now. */
    record CalendarWeek() implements Period {
        @Override
        public Instant start(Instant now) {
            LocalDate day = now.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return day.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        @Override
        public Duration length(Instant now) {
            return Duration.ofDays(7);
        }

        @Override
        public Duration nominalLength() {
            return Duration.ofDays(7);
        }

        @Override
        public String text() {
            return "calendar-week";
        }
    }

    /** The calendar month (UTC) that contains now. */
    record CalendarMonth() implements Period {
        @Override
        public Instant start(Instant now) {
            return now.atZone(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        @Override
        public Duration length(Instant now) {
            ZonedDateTime start = start(now).atZone(ZoneOffset.UTC);
            return Duration.between(start, start.plusMonths(1));
        }

        @Override
        public Duration nominalLength() {
            return Duration.ofDays(30);
        }

        @Override
        public int days() {
            return 31;
        }

        @Override
        public String text() {
            return "calendar-month";
        }
    }
}
