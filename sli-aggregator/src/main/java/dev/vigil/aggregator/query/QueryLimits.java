package dev.vigil.aggregator.query;

import java.time.Duration;

/** The bounds every query is planned within (from configuration). */
public record QueryLimits(Duration defaultRange, Duration maxRange, Duration minuteResolutionMaxRange, int maxPoints,
        Duration minuteRetention, Duration topWindow, int topDefaultLimit, int maxLimit) {

    public static QueryLimits defaults() {
        return new QueryLimits(Duration.ofHours(1), Duration.ofDays(35), Duration.ofHours(6), 2000, Duration.ofDays(2),
                Duration.ofMinutes(5), 10, 1000);
    }
}
