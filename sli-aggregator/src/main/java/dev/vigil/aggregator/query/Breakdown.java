package dev.vigil.aggregator.query;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code GET /api/v1/services/{service}/endpoints} (or {@code /regions}): worst first. */
public record Breakdown(String service, Instant from, Instant to, String resolution,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<BreakdownEntry> endpoints,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<BreakdownEntry> regions) {
}
