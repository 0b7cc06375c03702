package dev.vigil.alerting.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in SLO files and alert labels: {@code 30s}, {@code 5m}, {@code 1h}, {@code 3d}, {@code 2w}. */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(s|m|h|d|w)");

    private Durations() {
    }

    /** Parses one number and unit; throws IllegalArgumentException with the accepted forms otherwise. */
    public static Duration parse(String text) {
        Matcher m = SIMPLE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use a whole number and a unit: s, m, h, d or w (e.g. 5m, 1h, 30d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /**
     * The shortest exact form: days from two days up (so the Workbook's 24h stays 24h and 72h is 3d),
     * else hours, minutes or seconds.
     */
    public static String format(Duration d) {
        long s = d.getSeconds();
        if (s >= 2 * 86_400 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s >= 3_600 && s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s >= 60 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
