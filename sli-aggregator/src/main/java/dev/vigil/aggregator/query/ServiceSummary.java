package dev.vigil.aggregator.query;

import java.time.Instant;

/** One service in {@code GET /api/v1/services} and {@code GET /api/v1/top}, over the asked range. */
public record ServiceSummary(String service, long total, Double availability, Double errorRatio, Double p99Ms, Instant lastSeen) {
}
