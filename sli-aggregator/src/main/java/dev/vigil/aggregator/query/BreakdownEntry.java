package dev.vigil.aggregator.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vigil.aggregator.sli.SliStats;

/** One endpoint (or region) of a service over a range. */
public record BreakdownEntry(@JsonInclude(JsonInclude.Include.NON_NULL) String endpoint,
        @JsonInclude(JsonInclude.Include.NON_NULL) String region, long total, long availabilityErrors, long clientErrors,
        Double availability, Double errorRatio, Double p50Ms, Double p90Ms, Double p95Ms, Double p99Ms, Double p999Ms) {

    static BreakdownEntry of(String endpoint, String region, SliStats s) {
        return new BreakdownEntry(endpoint, region, s.total(), s.availabilityErrors(), s.clientErrors(), s.availability(),
                s.errorRatio(), s.p50Ms(), s.p90Ms(), s.p95Ms(), s.p99Ms(), s.p999Ms());
    }
}
