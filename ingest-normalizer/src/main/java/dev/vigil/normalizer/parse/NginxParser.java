package dev.vigil.normalizer.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * nginx access logs, the variant recognized per line:
 * <ul>
 * <li>{@code combined} (and {@code common});</li>
 * <li>combined + {@code $request_time $upstream_response_time} (the upstream time may be {@code -} or a list);</li>
 * <li>ingress-nginx's default: combined + {@code $request_length $request_time [$proxy_upstream_name]
 * [$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time
 * $upstream_status $req_id}, where the upstream fields may be lists ({@code a, b} for retries,
 * {@code a : b} for internal redirects) and addresses may be IPv6 or {@code unix:} sockets.</li>
 * </ul>
 * Latency is {@code $request_time}; the status is the one sent to the client.
 */
final class NginxParser {

    Parsed.Request parse(String line, Envelope envelope, Integer index) {
        LineScanner sc = new LineScanner(line);
        RawRequest.Builder b = RawRequest.builder();
        CombinedLog.read(sc, b);
        if (!sc.atEnd()) {
            String first = sc.token("request time");
            if (sc.atEnd()) {
                b.latencyMs(Text.secondsToMs(first, "$request_time"));
            } else {
                String second = sc.token("upstream time");
                if (sc.peek() == '[') {
                    Text.bytes(first, "$request_length");
                    b.latencyMs(Text.secondsToMs(second, "$request_time"));
                    ingressTail(sc, b);
                } else {
                    b.latencyMs(Text.secondsToMs(first, "$request_time"));
                    // $upstream_response_time, possibly a list: checked for shape, not kept.
                    while (!sc.atEnd()) {
                        sc.token("upstream time");
                    }
                }
            }
        }
        return new Parsed.Request(index, Format.NGINX, b.envelope(envelope).build());
    }

    private static void ingressTail(LineScanner sc, RawRequest.Builder b) {
        String upstream = sc.bracketed("$proxy_upstream_name");
        sc.bracketed("$proxy_alternative_upstream_name");
        b.ingressService(Text.orNull(upstream));
        List<String> groups = new ArrayList<>(6);
        StringBuilder current = null;
        boolean join = false;
        while (!sc.atEnd()) {
            String t = sc.token("upstream field");
            if (t.equals(":")) {
                join = true;
                continue;
            }
            if (current != null && join) {
                current.append(' ').append(t);
            } else {
                if (current != null) {
                    groups.add(current.toString());
                }
                current = new StringBuilder(t);
            }
            join = t.endsWith(",");
        }
        if (current != null) {
            groups.add(current.toString());
        }
        // addr, response length, response time, upstream status[, req_id]
        if (groups.size() < 4 || groups.size() > 5) {
            throw Reject.unparseable("ingress-nginx upstream fields: expected 'addr length time status req_id', got "
                    + groups.size() + " field(s)");
        }
        if (groups.size() == 5) {
            String id = groups.get(4);
            if (!Text.absent(id)) {
                b.requestId(id);
            }
        }
    }
}
