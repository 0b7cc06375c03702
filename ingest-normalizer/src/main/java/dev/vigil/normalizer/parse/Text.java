package dev.vigil.normalizer.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

import dev.vigil.avro.DeadLetterReason;

/** Strict UTF-8 decoding of raw records, and small number readers shared by the text parsers. */
final class Text {

    private Text() {
    }

    /** Decodes strict UTF-8 (ASCII fast path); INVALID_ENCODING when the bytes are not UTF-8. */
    static String utf8(byte[] bytes) {
        int n = bytes.length;
        int i = 0;
        while (i < n && bytes[i] >= 0) {
            i++;
        }
        if (i == n) {
            // Pure ASCII: Latin-1 decoding is a plain copy into a compact string.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (MalformedInputException e) {
            throw new Reject(DeadLetterReason.INVALID_ENCODING, "invalid UTF-8 (malformed sequence of " + e.getInputLength()
                    + " byte(s) near byte " + i + ")");
        } catch (CharacterCodingException e) {
            throw new Reject(DeadLetterReason.INVALID_ENCODING, "invalid UTF-8 near byte " + i);
        }
    }

    /** "-" or empty means absent. */
    static boolean absent(String s) {
        return s == null || s.isEmpty() || s.equals("-");
    }

    static String orNull(String s) {
        return absent(s) ? null : s;
    }

    /** A non-negative decimal integer of at most 18 digits, without allocation; -1 if not one. */
    static long digits(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** An HTTP status (three digits, 0 meaning no response); INVALID_VALUE otherwise. */
    static int status(String s, String what) {
        long v = s == null ? -1 : digits(s);
        if (v < 0 || v > 999 || (v != 0 && v < 100) || v > 599) {
            throw Reject.invalid(what + " is not an HTTP status: " + Reject.excerpt(s));
        }
        return (int) v;
    }

    /** Bytes ("-" = absent); INVALID_VALUE when not a number. */
    static Long bytes(String s, String what) {
        if (absent(s)) {
            return null;
        }
        long v = digits(s);
        if (v < 0) {
            throw Reject.invalid(what + " is not a byte count: " + Reject.excerpt(s));
        }
        return v;
    }

    /** Seconds with a fraction ("0.123") to milliseconds; null for "-"; INVALID_VALUE when not a non-negative number. */
    static Double secondsToMs(String s, String what) {
        if (absent(s)) {
            return null;
        }
        double v = decimal(s, what);
        return v * 1000.0;
    }

    /** A plain non-negative decimal number ("12", "0.004"); INVALID_VALUE otherwise (no exponents, NaN or signs). */
    static double decimal(String s, String what) {
        int n = s.length();
        boolean dot = false;
        boolean digit = false;
        if (n == 0 || n > 24) {
            throw Reject.invalid(what + " is not a number: " + Reject.excerpt(s));
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                throw Reject.invalid(what + " is not a number: " + Reject.excerpt(s));
            }
        }
        if (!digit) {
            throw Reject.invalid(what + " is not a number: " + Reject.excerpt(s));
        }
        return Double.parseDouble(s);
    }
}
