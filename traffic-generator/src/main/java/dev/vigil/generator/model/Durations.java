package dev.vigil.generator.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them on a command line: {@code 250ms}, {@code 90s}, {@code 1.5m}, {@code 1m30s}, {@code 2h}, {@code 1d}. */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern WHOLE = Pattern.compile("((\\d+(?:\\.\\d+)?)(ms|s|m|h|d))+");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim();
        if (!WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (e.g. 500ms, 30s, 5m, 1m30s, 1.5h, 1d)");
        }
        double millis = 0;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "ms" -> value;
                case "s" -> value * 1_000;
                case "m" -> value * 60_000;
                case "h" -> value * 3_600_000;
                default -> value * 86_400_000;
            };
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** The shortest exact way to write {@code d}: {@code 5m}, {@code 90s}, {@code 1500ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
