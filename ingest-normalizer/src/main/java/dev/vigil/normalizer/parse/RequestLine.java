package dev.vigil.normalizer.parse;

import java.util.Locale;

/** The HTTP request line as access logs write it: {@code METHOD target PROTOCOL} (or HTTP/0.9's {@code METHOD target}). */
final class RequestLine {

    private RequestLine() {
    }

    /** Whether {@code request} is {@code - - -} (or empty pieces): a TCP connection rather than an HTTP request. */
    static boolean isTcp(String request) {
        return request.isBlank() || request.replace('-', ' ').isBlank();
    }

    static void parse(String request, RawRequest.Builder b) {
        if (Text.absent(request)) {
            throw Reject.missing("no request line ('" + (request == null ? "" : request) + "')");
        }
        int first = request.indexOf(' ');
        if (first <= 0) {
            throw Reject.unparseable("request line is not 'METHOD target PROTOCOL': " + Reject.excerpt(request));
        }
        int last = request.lastIndexOf(' ');
        String method = request.substring(0, first);
        if (method.equals("-")) {
            throw Reject.missing("request line has no method: " + Reject.excerpt(request));
        }
        String target;
        String protocol = null;
        String tail = request.substring(last + 1);
        if (last > first && tail.regionMatches(true, 0, "HTTP/", 0, 5)) {
            target = request.substring(first + 1, last).trim();
            protocol = tail;
        } else {
            target = request.substring(first + 1).trim();
        }
        b.method(method(method, request));
        if (target.isEmpty() || target.equals("-")) {
            throw Reject.missing("request line has no target: " + Reject.excerpt(request));
        }
        b.target(target);
        b.protocol(protocol);
    }

    /** An HTTP method token (letters, '-' or '_', at most 20), upper-cased; UNPARSEABLE otherwise (TLS bytes on a plain port, ...). */
    static String method(String method, String context) {
        if (method.isEmpty() || method.length() > 20) {
            throw Reject.unparseable("not an HTTP method in " + Reject.excerpt(context));
        }
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_')) {
                throw Reject.unparseable("not an HTTP method in " + Reject.excerpt(context));
            }
        }
        return method.toUpperCase(Locale.ROOT);
    }
}
