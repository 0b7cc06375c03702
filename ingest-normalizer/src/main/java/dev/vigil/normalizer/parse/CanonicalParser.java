package dev.vigil.normalizer.parse;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Canonical JSON for services that report directly: {@code {"timestamp": epoch millis or ISO-8601,
 * "service", "endpoint": "GET /carts/{id}" (or "method" + "path"), "statusCode", "grpcStatus",
 * "latencyMs", "region", "requestId"}} (plus optional "responseBytes" and "protocol"). Other fields
 * are ignored, so a client IP or user id sent by mistake never travels further.
 */
final class CanonicalParser {

    Parsed parse(JsonNode node, Envelope envelope, Integer index) {
        if (!node.isObject()) {
            throw Reject.unparseable("canonical event must be a JSON object");
        }
        RawRequest.Builder b = RawRequest.builder();
        JsonNode ts = Json.field(node, "timestamp");
        if (ts == null) {
            throw Reject.missing("canonical event has no 'timestamp'");
        }
        if (ts.isNumber()) {
            if (!ts.canConvertToLong() || ts.asLong() <= 0) {
                throw Reject.invalid("'timestamp' is not epoch milliseconds: " + Reject.excerpt(ts.toString()));
            }
            b.timestampMs(ts.asLong());
        } else if (ts.isTextual()) {
            String t = ts.asText().trim();
            long millis = Text.digits(t);
            b.timestampMs(millis > 0 ? millis : Timestamps.iso(t));
        } else {
            throw Reject.invalid("'timestamp' must be epoch milliseconds or an ISO-8601 string");
        }
        b.serviceName(Text.orNull(Json.string(node, "service")));
        String endpoint = Json.string(node, "endpoint");
        String method = Json.string(node, "method");
        String path = Json.string(node, "path");
        if (endpoint != null && !endpoint.isBlank()) {
            String e = endpoint.trim();
            int space = e.indexOf(' ');
            if (space > 0 && e.charAt(0) != '/') {
                b.method(RequestLine.method(e.substring(0, space), e));
                b.route(e.substring(space + 1).trim());
            } else {
                b.route(e);
                if (method != null) {
                    b.method(RequestLine.method(method, method));
                }
            }
        } else if (path != null && !path.isBlank()) {
            if (method != null) {
                b.method(RequestLine.method(method, method));
            }
            b.target(path);
        } else {
            throw Reject.missing("canonical event has neither 'endpoint' nor 'path'");
        }
        Long status = Json.integer(node, "statusCode");
        if (status != null) {
            int code = Text.status(String.valueOf(status), "'statusCode'");
            b.status(code == 0 ? null : code);
        }
        JsonNode grpc = Json.field(node, "grpcStatus");
        if (grpc != null) {
            b.grpcStatus(Math.toIntExact(grpc.isTextual() ? GrpcStatus.parse(grpc.asText()) : GrpcStatus.check(Json.integer(node, "grpcStatus"), grpc)));
        }
        Double latency = Json.number(node, "latencyMs");
        if (latency != null && latency < 0) {
            throw Reject.invalid("'latencyMs' is negative");
        }
        b.latencyMs(latency);
        Long bytes = Json.integer(node, "responseBytes");
        if (bytes != null && bytes < 0) {
            throw Reject.invalid("'responseBytes' is negative");
        }
        b.responseBytes(bytes);
        b.protocol(Text.orNull(Json.string(node, "protocol")));
        b.region(Text.orNull(Json.string(node, "region")));
        b.requestId(Text.orNull(Json.string(node, "requestId")));
        return new Parsed.Request(index, Format.CANONICAL, b.envelope(envelope).build());
    }
}
