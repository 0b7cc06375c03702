package dev.vigil.normalizer.normalize;

/**
 * Endpoint templating: {@code METHOD /templated/path}. Path segments that are numbers, UUIDs, hex
 * hashes (8+ hex digits), long tokens (16+ of [A-Za-z0-9_.=~-] with a digit) or e-mail addresses
 * become {@code {id}}; query strings, fragments and {@code ;params} (session ids) are dropped;
 * absolute URLs are reduced to their path. One pass over the input, no regex.
 */
public final class Endpoints {

    /** The endpoint every further endpoint of a service gets once its cap is reached. */
    public static final String OTHER = "{other}";
    public static final String ID = "{id}";
    static final int MAX_LENGTH = 256;

    private Endpoints() {
    }

    public static String endpoint(String method, String pathOrRoute) {
        String path = templatePath(pathOrRoute);
        return method == null ? path : method + " " + path;
    }

    public static String templatePath(String target) {
        if (target == null || target.isEmpty()) {
            return "/";
        }
        String t = stripAuthority(target);
        int end = t.length();
        int q = t.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = t.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        StringBuilder b = new StringBuilder(Math.min(end, MAX_LENGTH) + 8);
        int start = 0;
        while (start <= end && b.length() < MAX_LENGTH) {
            int slash = t.indexOf('/', start);
            int segEnd = slash < 0 || slash > end ? end : slash;
            int valueEnd = start;
            while (valueEnd < segEnd && t.charAt(valueEnd) != ';') {
                valueEnd++;
            }
            if (isId(t, start, valueEnd)) {
                b.append(ID);
            } else {
                b.append(t, start, valueEnd);
            }
            if (segEnd == end) {
                break;
            }
            b.append('/');
            start = segEnd + 1;
        }
        if (b.length() == 0) {
            return "/";
        }
        return b.length() > MAX_LENGTH ? b.substring(0, MAX_LENGTH) : b.toString();
    }

    private static String stripAuthority(String t) {
        int from;
        if (t.regionMatches(true, 0, "http://", 0, 7)) {
            from = 7;
        } else if (t.regionMatches(true, 0, "https://", 0, 8)) {
            from = 8;
        } else if (t.startsWith("//")) {
            from = 2;
        } else {
            return t;
        }
        int slash = t.indexOf('/', from);
        return slash < 0 ? "/" : t.substring(slash);
    }

    static boolean isId(String s, int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return false;
        }
        boolean allDigits = true;
        boolean allHex = true;
        boolean tokenChars = true;
        boolean hasDigit = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean hex = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            hasDigit |= digit;
            allDigits &= digit;
            allHex &= hex;
            if (c == '@') {
                return true;
            }
            if (c == '%' && i + 2 < to && s.charAt(i + 1) == '4' && s.charAt(i + 2) == '0') {
                return true;
            }
            tokenChars &= hex || (c >= 'g' && c <= 'z') || (c >= 'G' && c <= 'Z') || c == '_' || c == '-' || c == '.' || c == '='
                    || c == '~';
        }
        return allDigits || (allHex && n >= 8) || isUuid(s, from, n) || (tokenChars && hasDigit && n >= 16);
    }

    private static boolean isUuid(String s, int from, int n) {
        if (n != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
