package dev.vigil.aggregator.query;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.app.api.ProblemException;

/**
 * Turns query parameters into bounded, aligned ranges: parses instants (ISO-8601 or epoch millis)
 * and durations ({@code 90s}, {@code 5m}, {@code 1h}, {@code 2d} or ISO-8601), picks the
 * resolution, and answers 400 (problem+json) for anything out of bounds.
 *
 * <p>Ranges up to {@code minuteResolutionMaxRange} whose minutes are still kept are answered from
 * minute windows; others from hour rollups, which need whole-hour steps. A range is widened to
 * whole units of its resolution: {@code from} down, {@code to} up.
 */
public final class QueryPlanner {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,15}");

    private final QueryLimits limits;

    public QueryPlanner(QueryLimits limits) {
        this.limits = limits;
    }

    public QueryLimits limits() {
        return limits;
    }

    /** A series: default range the last {@code defaultRange} up to now, default step one unit of the resolution. */
    public SeriesPlan series(String from, String to, String step, Instant now) {
        long[] bounds = bounds(from, to, now);
        long length = bounds[1] - bounds[0];
        Resolution resolution = resolutionFor(bounds[0], length, now);
        TimeRange range = align(bounds[0], bounds[1], resolution);
        long stepMs;
        if (step == null || step.isBlank()) {
            long needed = (range.toMs() - range.fromMs() + limits.maxPoints() - 1) / limits.maxPoints();
            stepMs = Math.max(resolution.unitMs(), TimeBuckets.ceil(needed, resolution.unitMs()));
        } else {
            stepMs = duration("step", step).toMillis();
            if (stepMs < TimeBuckets.MINUTE_MS || stepMs % TimeBuckets.MINUTE_MS != 0) {
                throw ProblemException.badRequest("step must be a whole number of minutes (e.g. 1m, 5m, 1h), got '" + step + "'");
            }
            if (stepMs % resolution.unitMs() != 0) {
                throw ProblemException.badRequest("a range of " + format(length) + " is answered from hour rollups "
                        + (length <= limits.minuteResolutionMaxRange().toMillis()
                                ? "(minute windows are kept for " + format(limits.minuteRetention().toMillis()) + ")"
                                : "(minute windows answer ranges up to " + format(limits.minuteResolutionMaxRange().toMillis()) + ")")
                        + ": step must be a whole number of hours, got '" + step + "'");
            }
        }
        SeriesPlan plan = new SeriesPlan(range, stepMs);
        if (plan.points() > limits.maxPoints()) {
            throw ProblemException.badRequest("that range and step make " + plan.points() + " points; at most "
                    + limits.maxPoints() + " are allowed: use a larger step or a shorter range");
        }
        return plan;
    }

    /** A range without steps (breakdowns), defaulting to the last {@code defaultRange}. */
    public TimeRange range(String from, String to, Instant now) {
        long[] bounds = bounds(from, to, now);
        return align(bounds[0], bounds[1], resolutionFor(bounds[0], bounds[1] - bounds[0], now));
    }

    /** The last {@code hours} hours (default 1) up to now. */
    public TimeRange lastHours(String hours, Instant now) {
        long n = 1;
        if (hours != null && !hours.isBlank()) {
            try {
                n = Long.parseLong(hours.trim());
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("hours must be a whole number, got '" + hours + "'");
            }
        }
        long max = limits.maxRange().toHours();
        if (n < 1 || n > max) {
            throw ProblemException.badRequest("hours must be between 1 and " + max + ", got " + hours);
        }
        return recent(Duration.ofHours(n).toMillis(), now);
    }

    /** The last {@code window} (default {@code topWindow}) up to now. */
    public TimeRange lastWindow(String window, Instant now) {
        long ms = window == null || window.isBlank() ? limits.topWindow().toMillis() : duration("window", window).toMillis();
        if (ms < TimeBuckets.MINUTE_MS || ms > limits.maxRange().toMillis()) {
            throw ProblemException.badRequest("window must be between 1m and " + format(limits.maxRange().toMillis()) + ", got '" + window + "'");
        }
        return recent(ms, now);
    }

    /** A result count between 1 and {@code maxLimit} (default {@code topDefaultLimit}). */
    public int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return limits.topDefaultLimit();
        }
        int n;
        try {
            n = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit must be a whole number, got '" + limit + "'");
        }
        if (n < 1 || n > limits.maxLimit()) {
            throw ProblemException.badRequest("limit must be between 1 and " + limits.maxLimit() + ", got " + n);
        }
        return n;
    }

    private TimeRange recent(long lengthMs, Instant now) {
        long to = TimeBuckets.ceil(now.toEpochMilli() + 1, TimeBuckets.MINUTE_MS);
        long from = to - lengthMs;
        return align(from, to, resolutionFor(from, lengthMs, now));
    }

    /** [from, to) in epoch ms from the parameters; {@code to} defaults to the end of the current minute. */
    private long[] bounds(String from, String to, Instant now) {
        long toMs = to == null || to.isBlank() ? TimeBuckets.ceil(now.toEpochMilli() + 1, TimeBuckets.MINUTE_MS)
                : instant("to", to).toEpochMilli();
        long fromMs = from == null || from.isBlank() ? toMs - limits.defaultRange().toMillis() : instant("from", from).toEpochMilli();
        if (fromMs >= toMs) {
            throw ProblemException.badRequest("from must be before to", Map.of("from", Instant.ofEpochMilli(fromMs).toString(),
                    "to", Instant.ofEpochMilli(toMs).toString()));
        }
        if (fromMs < 0) {
            throw ProblemException.badRequest("from must not be before 1970");
        }
        if (toMs - fromMs > limits.maxRange().toMillis()) {
            throw ProblemException.badRequest("the range is " + format(toMs - fromMs) + "; at most " + format(limits.maxRange().toMillis())
                    + " may be asked for");
        }
        return new long[] {fromMs, toMs};
    }

    private Resolution resolutionFor(long fromMs, long lengthMs, Instant now) {
        boolean shortEnough = lengthMs <= limits.minuteResolutionMaxRange().toMillis();
        // Minute windows older than the retention (give or take a segment) may be gone already.
        boolean minutesKept = fromMs >= now.toEpochMilli() - limits.minuteRetention().toMillis() + TimeBuckets.MINUTE_MS;
        return shortEnough && minutesKept ? Resolution.MINUTE : Resolution.HOUR;
    }

    private static TimeRange align(long fromMs, long toMs, Resolution resolution) {
        return new TimeRange(TimeBuckets.floor(fromMs, resolution.unitMs()), TimeBuckets.ceil(toMs, resolution.unitMs()), resolution);
    }

    /** ISO-8601 ({@code 2026-03-01T10:00:00Z}, with an offset, or a date-time without zone read as UTC) or epoch milliseconds. */
    public static Instant instant(String name, String value) {
        String v = value.trim();
        if (EPOCH_MILLIS.matcher(v).matches()) {
            return Instant.ofEpochMilli(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw ProblemException.badRequest(name + " must be an ISO-8601 instant (e.g. 2026-03-01T10:00:00Z) or epoch milliseconds, got '"
                        + value + "'");
            }
        }
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 250ms} or ISO-8601 ({@code PT5M}). */
    public static Duration duration(String name, String value) {
        String v = value.trim();
        Matcher m = SIMPLE_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(v);
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // answered below
        }
        throw ProblemException.badRequest(name + " must be a duration like 1m, 5m, 1h or 1d, got '" + value + "'");
    }

    /** {@code 90m} -> {@code 90m}, {@code 3h}, {@code 2d}: the largest whole unit. */
    public static String format(long ms) {
        if (ms % Duration.ofDays(1).toMillis() == 0) {
            return ms / Duration.ofDays(1).toMillis() + "d";
        }
        if (ms % TimeBuckets.HOUR_MS == 0) {
            return ms / TimeBuckets.HOUR_MS + "h";
        }
        if (ms % TimeBuckets.MINUTE_MS == 0) {
            return ms / TimeBuckets.MINUTE_MS + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
