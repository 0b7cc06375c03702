package dev.vigil.normalizer.parse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Timestamps of the raw formats to UTC epoch milliseconds, without regex and mostly without allocation. */
public final class Timestamps {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]xx");

    private Timestamps() {
    }

    /** Common Log Format time, {@code 10/Oct/2000:13:55:36 -0700} (nginx {@code $time_local}, Apache {@code %t}). */
    static long clf(String t) {
        if (t.length() != 26 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':' || t.charAt(14) != ':'
                || t.charAt(17) != ':' || t.charAt(20) != ' ') {
            throw Reject.invalid("not a Common Log Format time: " + Reject.excerpt(t));
        }
        int month = MONTHS.indexOf(t.substring(3, 6));
        if (month < 0 || month % 3 != 0) {
            throw Reject.invalid("unknown month in " + Reject.excerpt(t));
        }
        char sign = t.charAt(21);
        if (sign != '+' && sign != '-') {
            throw Reject.invalid("bad UTC offset in " + Reject.excerpt(t));
        }
        int offH = num(t, 22, 24);
        int offM = num(t, 24, 26);
        int offset = (offH * 3600 + offM * 60) * (sign == '-' ? -1 : 1);
        return epochMillis(num(t, 7, 11), month / 3 + 1, num(t, 0, 2), num(t, 12, 14), num(t, 15, 17), num(t, 18, 20), 0,
                offset, t);
    }

    /** ISO-8601 with an offset or Z ({@code 2016-04-15T20:17:00.310Z}, {@code ...+02:00}, {@code ...+0200}). */
    public static long iso(String t) {
        try {
            return Instant.parse(t).toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            } catch (DateTimeParseException e2) {
                try {
                    return OffsetDateTime.parse(t, COMPACT_OFFSET).toInstant().toEpochMilli();
                } catch (DateTimeParseException e3) {
                    throw Reject.invalid("not an ISO-8601 time with a zone: " + Reject.excerpt(t));
                }
            }
        }
    }

    private static int num(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                throw Reject.invalid("not a time: " + Reject.excerpt(t));
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Validates the fields and counts days since the epoch (proleptic Gregorian, Hinnant's days_from_civil). */
    static long epochMillis(int y, int m, int d, int hh, int mm, int ss, int millis, int offsetSeconds, String source) {
        if (m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m) || hh > 23 || mm > 59 || ss > 60 || y < 1970 || y > 9999
                || Math.abs(offsetSeconds) > 18 * 3600) {
            throw Reject.invalid("impossible date or time: " + Reject.excerpt(source));
        }
        int yy = m <= 2 ? y - 1 : y;
        int era = yy / 400;
        int yoe = yy - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        long days = era * 146097L + doe - 719468L;
        long seconds = days * 86400L + hh * 3600L + mm * 60L + Math.min(ss, 59) - offsetSeconds;
        return seconds * 1000L + millis;
    }

    private static int lengthOfMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
