package dev.vigil.normalizer.parse;

import dev.vigil.avro.DeadLetterReason;

/**
 * Thrown inside a parser when an item cannot become an event; turned into a dead letter by the
 * caller. No stack trace: it is an expected outcome, thrown once per bad item.
 */
public final class Reject extends RuntimeException {

    private final DeadLetterReason reason;

    public Reject(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }

    public static Reject unparseable(String message) {
        return new Reject(DeadLetterReason.UNPARSEABLE, message);
    }

    public static Reject missing(String message) {
        return new Reject(DeadLetterReason.MISSING_FIELD, message);
    }

    public static Reject invalid(String message) {
        return new Reject(DeadLetterReason.INVALID_VALUE, message);
    }

    /** A short, printable excerpt of untrusted input for a message. */
    static String excerpt(String s) {
        if (s == null) {
            return "null";
        }
        String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder(cut.length() + 2).append('\'');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.append('\'').toString();
    }
}
