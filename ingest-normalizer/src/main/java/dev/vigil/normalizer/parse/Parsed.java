package dev.vigil.normalizer.parse;

import dev.vigil.avro.DeadLetterReason;

/**
 * One item of a raw record after parsing: a request, a failure (a dead letter to be), or an item
 * skipped on purpose (a client span, a TCP connection). {@code itemIndex} is null when the record
 * holds a single item, else the item's position (span index, line index).
 */
public sealed interface Parsed {

    Integer itemIndex();

    record Request(Integer itemIndex, Format format, RawRequest request) implements Parsed {
    }

    /** {@code raw} is the failing item's own bytes, or null when it is the whole record. */
    record Failure(Integer itemIndex, DeadLetterReason reason, String message, byte[] raw) implements Parsed {
    }

    record Skipped(Integer itemIndex, String why) implements Parsed {
    }
}
