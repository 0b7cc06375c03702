package dev.vigil.aggregator.topology;

import java.time.Duration;
import java.util.Objects;

import dev.vigil.aggregator.sli.TimeBuckets;

/**
 * Everything the topology depends on, so that it is a pure function of these values.
 *
 * @param grace how long after a minute window ends (in stream time) events may still arrive
 * @param emitInterval how often (wall clock) changed windows are published, at most once each per interval
 * @param minuteRetention how long minute windows stay queryable
 * @param hourRetention how long hour rollups stay queryable
 * @param maxFutureSkew events stamped further than this past the wall clock are dead-lettered
 *        (one such event would advance stream time and close every open window)
 * @param stores where the windows live: RocksDB, or memory (tests and throwaway demos: restarts restore from the changelog)
 */
public record AggregationSettings(String requestEventsTopic, String sliWindowsTopic, String deadLetterTopic, String appName,
        Duration grace, Duration emitInterval, Duration minuteRetention, Duration hourRetention, Duration maxFutureSkew,
        StoreKind stores) {

    /** Where the state stores keep their data. */
    public enum StoreKind {
        ROCKSDB,
        IN_MEMORY
    }

    public AggregationSettings {
        Objects.requireNonNull(requestEventsTopic, "requestEventsTopic");
        Objects.requireNonNull(sliWindowsTopic, "sliWindowsTopic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(appName, "appName");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace must not be negative");
        }
        if (emitInterval.isZero() || emitInterval.isNegative()) {
            throw new IllegalArgumentException("emit interval must be positive");
        }
        if (minuteRetention.toMillis() < TimeBuckets.MINUTE_MS + grace.toMillis()) {
            throw new IllegalArgumentException("minute retention must cover a minute plus the grace period");
        }
        if (hourRetention.toMillis() < TimeBuckets.HOUR_MS + grace.toMillis()) {
            throw new IllegalArgumentException("hour retention must cover an hour plus the grace period");
        }
        Objects.requireNonNull(stores, "stores");
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("max future skew must not be negative");
        }
    }

    /** The documented defaults with the default topic names. */
    public static AggregationSettings defaults() {
        return new AggregationSettings("request-events", "sli-1m", "ingest-dlq", "sli-aggregator", Duration.ofMinutes(2),
                Duration.ofSeconds(1), Duration.ofDays(2), Duration.ofDays(35), Duration.ofMinutes(15), StoreKind.ROCKSDB);
    }

    public AggregationSettings withStores(StoreKind value) {
        return new AggregationSettings(requestEventsTopic, sliWindowsTopic, deadLetterTopic, appName, grace, emitInterval,
                minuteRetention, hourRetention, maxFutureSkew, value);
    }
}
