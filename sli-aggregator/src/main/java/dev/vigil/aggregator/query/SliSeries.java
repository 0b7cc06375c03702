package dev.vigil.aggregator.query;

import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/services/{service}/sli}: one point per step, and the summary over the whole range (merged sketch). */
public record SliSeries(String service, Instant from, Instant to, String step, String resolution, List<SliPoint> points,
        SliPoint summary) {
}
