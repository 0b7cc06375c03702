package dev.vigil.generator.run;

/** A raw record for a Kafka topic: keyless, the value's bytes, the request time as the record timestamp. */
public record RawRecord(String topic, byte[] value, long timestampMillis) {
}
