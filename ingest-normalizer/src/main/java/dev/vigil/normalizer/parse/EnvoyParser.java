package dev.vigil.normalizer.parse;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Envoy access logs, detected per line:
 * <ul>
 * <li>Envoy's default text format: {@code [%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%"
 * %RESPONSE_CODE% %RESPONSE_FLAGS% %BYTES_RECEIVED% %BYTES_SENT% %DURATION% %RESP(X-ENVOY-UPSTREAM-SERVICE-TIME)%
 * "%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%" "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"};</li>
 * <li>Istio's text format (the same plus response code details, termination details, transport failure,
 * upstream cluster, addresses, SNI and route name: 22 fields);</li>
 * <li>JSON access logs with Istio's keys ({@code start_time}, {@code method}, {@code path}, {@code response_code},
 * {@code duration}, {@code request_id}, {@code authority}, {@code upstream_cluster}, ...).</li>
 * </ul>
 * Response code 0 means no response was sent; {@code "- - -"} requests are TCP connections, skipped.
 */
final class EnvoyParser {

    private static final int DEFAULT_FIELDS = 11;
    private static final int ISTIO_FIELDS = 20;

    Parsed parseText(String line, Envelope envelope, Integer index) {
        LineScanner sc = new LineScanner(line);
        RawRequest.Builder b = RawRequest.builder();
        b.timestampMs(Timestamps.iso(sc.bracketed("start time")));
        String request = sc.quoted("request");
        List<String> f = new ArrayList<>(ISTIO_FIELDS);
        String v;
        while ((v = sc.field("field")) != null) {
            f.add(v);
        }
        boolean istio = f.size() == ISTIO_FIELDS;
        if (!istio && f.size() != DEFAULT_FIELDS) {
            throw Reject.unparseable("Envoy access log: expected " + DEFAULT_FIELDS + " (default format) or " + ISTIO_FIELDS
                    + " (Istio format) fields after the request, got " + f.size());
        }
        if (RequestLine.isTcp(request)) {
            return new Parsed.Skipped(index, "TCP connection ('- - -' request), not an HTTP request");
        }
        RequestLine.parse(request, b);
        int at = 0;
        String code = f.get(at++);
        at++; // response flags
        if (istio) {
            at += 3; // response code details, connection termination details, upstream transport failure reason
        }
        at++; // bytes received
        String bytesSent = f.get(at++);
        String duration = f.get(at++);
        at++; // upstream service time
        at += 2; // x-forwarded-for, user agent: never kept
        String requestId = f.get(at++);
        String authority = f.get(at++);
        at++; // upstream host
        responseCode(b, code);
        b.responseBytes(Text.bytes(bytesSent, "%BYTES_SENT%"));
        b.latencyMs(millis(duration));
        b.requestId(Text.orNull(requestId));
        b.authority(Text.orNull(authority));
        if (istio) {
            b.upstreamCluster(Text.orNull(f.get(at)));
        }
        return new Parsed.Request(index, Format.ENVOY, b.envelope(envelope).build());
    }

    Parsed parseJson(JsonNode node, Envelope envelope, Integer index) {
        RawRequest.Builder b = RawRequest.builder();
        String start = Json.string(node, "start_time", "startTime", "timestamp");
        if (start == null) {
            throw Reject.missing("Envoy JSON log has no 'start_time'");
        }
        b.timestampMs(Timestamps.iso(start));
        String method = Json.string(node, "method");
        String path = Json.string(node, "path");
        String protocol = Json.string(node, "protocol");
        if (Text.absent(method) && Text.absent(path) && (Text.absent(protocol) || protocol.startsWith("tcp"))) {
            return new Parsed.Skipped(index, "TCP connection (no method or path), not an HTTP request");
        }
        if (Text.absent(method)) {
            throw Reject.missing("Envoy JSON log has no 'method'");
        }
        if (Text.absent(path)) {
            throw Reject.missing("Envoy JSON log has no 'path'");
        }
        b.method(RequestLine.method(method, method)).target(path).protocol(Text.orNull(protocol));
        String code = Json.string(node, "response_code", "responseCode");
        if (code == null) {
            throw Reject.missing("Envoy JSON log has no 'response_code'");
        }
        responseCode(b, code);
        Long grpc = Json.integer(node, "grpc_status_number");
        if (grpc == null) {
            String g = Json.string(node, "grpc_status");
            grpc = g == null ? null : GrpcStatus.parse(g);
        }
        if (grpc != null) {
            b.grpcStatus(Math.toIntExact(grpc));
        }
        Double duration = Json.number(node, "duration");
        b.latencyMs(duration);
        Long sent = Json.integer(node, "bytes_sent");
        b.responseBytes(sent != null && sent >= 0 ? sent : null);
        b.requestId(Text.orNull(Json.string(node, "request_id", "x_request_id")));
        b.authority(Text.orNull(Json.string(node, "authority")));
        b.upstreamCluster(Text.orNull(Json.string(node, "upstream_cluster")));
        return new Parsed.Request(index, Format.ENVOY, b.envelope(envelope).build());
    }

    private static void responseCode(RawRequest.Builder b, String code) {
        int status = Text.status(code, "%RESPONSE_CODE%");
        b.status(status == 0 ? null : status);
    }

    private static Double millis(String duration) {
        if (Text.absent(duration)) {
            return null;
        }
        long ms = Text.digits(duration);
        if (ms < 0) {
            throw Reject.invalid("%DURATION% is not a number of milliseconds: " + Reject.excerpt(duration));
        }
        return (double) ms;
    }
}
