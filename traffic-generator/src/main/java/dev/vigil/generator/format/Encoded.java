package dev.vigil.generator.format;

/**
 * One raw Kafka record value and what it carries: {@code events} requests the normalizer should
 * count, {@code skippedSpans} spans it should skip on purpose (OTLP client spans), {@code duplicates}
 * repeated request ids it should drop. An invalid record (garbage) carries none of them.
 */
public record Encoded(byte[] value, long timestampMillis, int events, int skippedSpans, int duplicates, boolean invalid) {

    public static Encoded valid(byte[] value, long timestampMillis, int events, int skippedSpans, int duplicates) {
        return new Encoded(value, timestampMillis, events, skippedSpans, duplicates, false);
    }

    public static Encoded garbage(byte[] value, long timestampMillis) {
        return new Encoded(value, timestampMillis, 0, 0, 0, true);
    }
}
