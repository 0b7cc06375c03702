package dev.vigil.aggregator.topology;

import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

import dev.vigil.avro.RequestEvent;

/**
 * Event time is the request's own timestamp, whatever the record's timestamp says, with two
 * exceptions that keep stream time sane (the aggregator dead-letters both): an event stamped
 * further than {@code maxFutureSkew} ahead of the clock would advance stream time and close every
 * open window, and a negative time Kafka Streams would drop with a log line per record. Both get
 * the partition's current time instead, which moves nothing.
 */
final class EventTimestamps implements TimestampExtractor {

    private final long maxFutureSkewMs;
    private final Clock clock;

    EventTimestamps(Duration maxFutureSkew, Clock clock) {
        this.maxFutureSkewMs = maxFutureSkew.toMillis();
        this.clock = clock;
    }

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        long fallback = Math.max(partitionTime, 0);
        if (record.value() instanceof RequestEvent event && event.getTimestamp() != null) {
            long ts = event.getTimestamp().toEpochMilli();
            return ts >= 0 && !isFuture(ts) ? ts : fallback;
        }
        return record.timestamp() >= 0 && !isFuture(record.timestamp()) ? record.timestamp() : fallback;
    }

    private boolean isFuture(long ts) {
        return ts > clock.millis() + maxFutureSkewMs;
    }

    /** Whether {@code extracted} is not the event's own time: the event was too far ahead (or before 1970). */
    static boolean wasReplaced(long eventTimestamp, long extracted) {
        return eventTimestamp != extracted;
    }
}
