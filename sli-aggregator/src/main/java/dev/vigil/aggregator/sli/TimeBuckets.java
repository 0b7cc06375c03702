package dev.vigil.aggregator.sli;

import java.time.Duration;

/** Event-time arithmetic of the minute windows and hour rollups (UTC, epoch aligned). */
public final class TimeBuckets {

    public static final long MINUTE_MS = Duration.ofMinutes(1).toMillis();
    public static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private TimeBuckets() {
    }

    /** Start of the bucket of {@code sizeMs} that holds {@code timestampMs}. */
    public static long floor(long timestampMs, long sizeMs) {
        return Math.floorDiv(timestampMs, sizeMs) * sizeMs;
    }

    /** Smallest bucket boundary at or after {@code timestampMs}. */
    public static long ceil(long timestampMs, long sizeMs) {
        long f = floor(timestampMs, sizeMs);
        return f == timestampMs ? f : f + sizeMs;
    }
}
