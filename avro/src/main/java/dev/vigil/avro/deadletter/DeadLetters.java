package dev.vigil.avro.deadletter;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;

/** Builds {@link DeadLetter}s the same way in every app: raw bytes capped, positions kept. */
public final class DeadLetters {

    /** How much of the raw value a dead letter keeps. */
    public static final int MAX_RAW_BYTES = 8 * 1024;

    private DeadLetters() {
    }

    /** Where a record came from. {@code itemIndex} is null unless the record carries many items. */
    public record Origin(String topic, int partition, long offset, Long recordTimestamp, String format, Integer itemIndex) {

        public static Origin unknown(String topic) {
            return new Origin(topic, -1, -1L, null, null, null);
        }

        public Origin withItem(int index) {
            return new Origin(topic, partition, offset, recordTimestamp, format, index);
        }
    }

    public static DeadLetter of(DeadLetterReason reason, String message, String app, Origin origin, byte[] raw, long now) {
        byte[] value = raw == null ? new byte[0] : raw;
        byte[] kept = value.length <= MAX_RAW_BYTES ? value : Arrays.copyOf(value, MAX_RAW_BYTES);
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage(message == null ? reason.name() : message)
                .setApp(app)
                .setSourceTopic(origin.topic() == null ? "" : origin.topic())
                .setSourcePartition(origin.partition())
                .setSourceOffset(origin.offset())
                .setSourceFormat(origin.format())
                .setItemIndex(origin.itemIndex())
                .setRecordTimestamp(origin.recordTimestamp() == null ? null : java.time.Instant.ofEpochMilli(origin.recordTimestamp()))
                .setDeadLetteredAt(java.time.Instant.ofEpochMilli(now))
                .setRawSize(value.length)
                .setRaw(ByteBuffer.wrap(kept))
                .build();
    }
}
