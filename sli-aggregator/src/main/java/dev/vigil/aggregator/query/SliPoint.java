package dev.vigil.aggregator.query;

import java.time.Instant;

import dev.vigil.aggregator.sli.SliStats;

/** The SLIs of one step of a series, or of a whole range (the summary). Ratios and quantiles are null without data. */
public record SliPoint(Instant start, Instant end, long total, long availabilityErrors, long clientErrors, Double availability,
        Double errorRatio, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms, Double p999Ms) {

    static SliPoint of(long startMs, long endMs, SliStats s) {
        return new SliPoint(Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), s.total(), s.availabilityErrors(),
                s.clientErrors(), s.availability(), s.errorRatio(), s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms());
    }
}
