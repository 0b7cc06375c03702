package dev.vigil.normalizer.parse;

import java.util.List;
import java.util.Locale;

/** gRPC status codes by number or by name ({@code UNAVAILABLE}, {@code Unavailable}, {@code 14}). */
final class GrpcStatus {

    private static final List<String> NAMES = List.of("OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED",
            "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
            "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED");

    private GrpcStatus() {
    }

    static Long parse(String s) {
        String t = s.trim();
        if (Text.absent(t)) {
            return null;
        }
        long n = Text.digits(t);
        if (n < 0) {
            n = NAMES.indexOf(t.toUpperCase(Locale.ROOT).replace("CANCELED", "CANCELLED"));
            if (n < 0) {
                n = NAMES.indexOf(camelToSnake(t));
            }
        }
        return check(n, s);
    }

    static Long check(long n, Object source) {
        if (n < 0 || n >= NAMES.size()) {
            throw Reject.invalid("not a gRPC status code: " + Reject.excerpt(String.valueOf(source)));
        }
        return n;
    }

    private static String camelToSnake(String t) {
        StringBuilder b = new StringBuilder(t.length() + 4);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                b.append('_');
            }
            b.append(Character.toUpperCase(c));
        }
        return b.toString();
    }
}
