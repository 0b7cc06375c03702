package dev.vigil.aggregator.query;

import dev.vigil.aggregator.sli.TimeBuckets;

/** Which store answers: minute windows or hour rollups. */
public enum Resolution {
    MINUTE(TimeBuckets.MINUTE_MS),
    HOUR(TimeBuckets.HOUR_MS);

    private final long unitMs;

    Resolution(long unitMs) {
        this.unitMs = unitMs;
    }

    public long unitMs() {
        return unitMs;
    }

    /** As shown in answers: {@code minute} or {@code hour}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
