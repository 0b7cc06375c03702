package dev.vigil.generator.truth;

import java.time.Instant;
import java.util.Map;

/**
 * The exact SLIs of one service over one event-time minute {@code [start, start + 1m)}: counts, and
 * nearest-rank latency quantiles over the requests that reported a latency (null when none did),
 * with the counts per endpoint and per region.
 */
public record MinuteTruth(String service, Instant start, long total, long availabilityErrors, long clientErrors,
        long latencyCount, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms, Double p999Ms,
        Map<String, Counts> endpoints, Map<String, Counts> regions) {

    public MinuteTruth {
        endpoints = Map.copyOf(endpoints);
        regions = Map.copyOf(regions);
    }
}
