package dev.vigil.aggregator.query;

import java.time.Instant;

/** A half-open range [from, to) of epoch milliseconds, aligned to its resolution's unit. */
public record TimeRange(long fromMs, long toMs, Resolution resolution) {

    public TimeRange {
        if (toMs <= fromMs) {
            throw new IllegalArgumentException("empty range");
        }
        if (fromMs % resolution.unitMs() != 0 || toMs % resolution.unitMs() != 0) {
            throw new IllegalArgumentException("range not aligned to its resolution");
        }
    }

    public Instant from() {
        return Instant.ofEpochMilli(fromMs);
    }

    public Instant to() {
        return Instant.ofEpochMilli(toMs);
    }

    /** Query string parameters that pin this exact range on another instance. */
    String asQuery() {
        return "from=" + fromMs + "&to=" + toMs;
    }
}
