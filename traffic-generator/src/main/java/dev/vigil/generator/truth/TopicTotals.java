package dev.vigil.generator.truth;

/**
 * What the generator wrote to one raw topic: Kafka records; request {@code events} the normalizer
 * should emit; {@code skippedSpans} (OTLP client spans, skipped on purpose); {@code invalidRecords}
 * (garbage, to be dead-lettered); {@code duplicates} (repeated request ids, to be dropped).
 * Conservation: for line topics records = events + invalidRecords + duplicates; for OTLP, spans =
 * events + skippedSpans + duplicates.
 */
public record TopicTotals(String topic, long records, long events, long skippedSpans, long invalidRecords, long duplicates) {
}
