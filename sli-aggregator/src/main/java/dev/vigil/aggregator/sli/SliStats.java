package dev.vigil.aggregator.sli;

/**
 * The numbers people read off an aggregate: counts, availability and error ratio (null without
 * requests), and latency quantiles in milliseconds (null without latencies).
 */
public record SliStats(long total, long availabilityErrors, long clientErrors, Double availability, Double errorRatio,
        long latencyCount, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms, Double p999Ms, Double minMs, Double maxMs,
        Double meanMs) {

    /** The quantiles reported everywhere, in the order of the p*Ms fields. */
    static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};
}
