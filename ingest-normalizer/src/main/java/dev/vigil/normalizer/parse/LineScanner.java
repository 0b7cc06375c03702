package dev.vigil.normalizer.parse;

/**
 * A single forward pass over one log line: bare tokens, quoted fields and bracketed fields. Every
 * method only moves forward, so any input is scanned in linear time (no backtracking, no regex).
 * A quoted field ends at a quote followed by a space or the end of the line, so unescaped quotes
 * inside a user agent (Envoy does not escape them) do not end it early; backslash escapes
 * ({@code \"}, {@code \\}, Apache's style) are honoured.
 */
final class LineScanner {

    private final String s;
    private final int end;
    private int pos;

    LineScanner(String line) {
        this.s = line;
        int e = line.length();
        while (e > 0 && (line.charAt(e - 1) == '\r' || line.charAt(e - 1) == ' ' || line.charAt(e - 1) == '\t')) {
            e--;
        }
        this.end = e;
    }

    boolean atEnd() {
        skipSpaces();
        return pos >= end;
    }

    /** The next non-space character, or 0 at the end. */
    char peek() {
        skipSpaces();
        return pos < end ? s.charAt(pos) : 0;
    }

    private void skipSpaces() {
        while (pos < end && s.charAt(pos) == ' ') {
            pos++;
        }
    }

    /** The next run of non-space characters; UNPARSEABLE at the end of the line. */
    String token(String what) {
        skipSpaces();
        int start = pos;
        while (pos < end && s.charAt(pos) != ' ') {
            pos++;
        }
        if (start == pos) {
            throw Reject.unparseable("line ends before " + what);
        }
        return s.substring(start, pos);
    }

    /** A field in double quotes, unescaped; UNPARSEABLE if the next field is not quoted or never closes. */
    String quoted(String what) {
        skipSpaces();
        if (pos >= end || s.charAt(pos) != '"') {
            throw Reject.unparseable("expected a quoted " + what + " at column " + (pos + 1));
        }
        int start = ++pos;
        boolean escapes = false;
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '\\' && pos + 1 < end) {
                escapes = true;
                pos += 2;
            } else if (c == '"' && (pos + 1 == end || s.charAt(pos + 1) == ' ')) {
                String value = s.substring(start, pos);
                pos++;
                return escapes ? unescape(value) : value;
            } else {
                pos++;
            }
        }
        throw Reject.unparseable("unterminated quoted " + what);
    }

    /** A field in square brackets (no nesting); UNPARSEABLE if absent or never closed. */
    String bracketed(String what) {
        skipSpaces();
        if (pos >= end || s.charAt(pos) != '[') {
            throw Reject.unparseable("expected a bracketed " + what + " at column " + (pos + 1));
        }
        int start = ++pos;
        while (pos < end) {
            if (s.charAt(pos) == ']' && (pos + 1 == end || s.charAt(pos + 1) == ' ')) {
                String value = s.substring(start, pos);
                pos++;
                return value;
            }
            pos++;
        }
        throw Reject.unparseable("unterminated bracketed " + what);
    }

    /** The next field whatever its kind: quoted, bracketed or bare; null at the end of the line. */
    String field(String what) {
        char c = peek();
        if (c == 0) {
            return null;
        }
        return c == '"' ? quoted(what) : c == '[' ? bracketed(what) : token(what);
    }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char next = v.charAt(++i);
                b.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
