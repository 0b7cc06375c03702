package dev.vigil.normalizer.normalize;

import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;

/**
 * The fate of one item of a raw record: an event, a rejection (to become a dead letter; {@code raw}
 * is the item's own bytes, or null for the whole record) or a skip on purpose. Every item has
 * exactly one fate, which is what makes the conservation counters add up.
 */
public sealed interface Normalized {

    Integer itemIndex();

    record Event(Integer itemIndex, RequestEvent event) implements Normalized {
    }

    record Rejected(Integer itemIndex, DeadLetterReason reason, String message, byte[] raw) implements Normalized {
    }

    record Skipped(Integer itemIndex, String why) implements Normalized {
    }
}
