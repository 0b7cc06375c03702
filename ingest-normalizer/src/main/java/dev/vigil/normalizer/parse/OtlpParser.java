package dev.vigil.normalizer.parse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.vigil.avro.DeadLetterReason;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * OpenTelemetry traces as the Collector's Kafka exporter writes them: one ExportTraceServiceRequest
 * (protobuf, or OTLP/JSON where ids are hex strings and enums integers) per record, many spans each.
 * Only SERVER spans are requests; others are skipped on purpose. Every span is its own item: a bad
 * span becomes a dead letter with its index, its neighbours pass.
 */
final class OtlpParser {

    private static final int KIND_SERVER = 2;
    private static final int STATUS_ERROR = 2;

    /** One span's facts, from protobuf or JSON; attributes are looked up by key (lists are short). */
    private record SpanView(int kind, String kindName, String name, long startNanos, long endNanos, String spanId,
            Function<String, Object> attributes, int statusCode) {
    }

    List<Parsed> parseProto(byte[] value) {
        ExportTraceServiceRequest request;
        try {
            request = ExportTraceServiceRequest.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new Reject(DeadLetterReason.UNDECODABLE, "not an OTLP ExportTraceServiceRequest (protobuf): " + e.getMessage());
        } catch (RuntimeException e) {
            throw new Reject(DeadLetterReason.UNDECODABLE, "not an OTLP ExportTraceServiceRequest (protobuf): " + e);
        }
        List<Parsed> out = new ArrayList<>();
        int index = 0;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            List<KeyValue> resource = rs.getResource().getAttributesList();
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (Span span : ss.getSpansList()) {
                    int i = index++;
                    List<KeyValue> attrs = span.getAttributesList();
                    SpanView view = new SpanView(span.getKindValue(), span.getKind().name(), span.getName(),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), hex(span.getSpanId()), k -> find(attrs, k),
                            span.getStatus().getCodeValue());
                    out.add(item(view, k -> find(resource, k), i, Format.OTLP_PROTO, span::toByteArray));
                }
            }
        }
        if (out.isEmpty()) {
            throw Reject.missing("OTLP request without spans");
        }
        return out;
    }

    List<Parsed> parseJson(JsonNode root) {
        if (!root.isObject()) {
            throw Reject.unparseable("OTLP/JSON: expected an object with 'resourceSpans'");
        }
        JsonNode resourceSpans = Json.field(root, "resourceSpans", "resource_spans");
        if (resourceSpans == null || !resourceSpans.isArray()) {
            throw Reject.missing("OTLP/JSON without a 'resourceSpans' array");
        }
        List<Parsed> out = new ArrayList<>();
        int index = 0;
        for (JsonNode rs : resourceSpans) {
            JsonNode resourceNode = rs.path("resource");
            Function<String, Object> resource = k -> jsonAttribute(resourceNode.path("attributes"), k);
            JsonNode scopes = Json.field(rs, "scopeSpans", "scope_spans", "instrumentationLibrarySpans");
            if (scopes == null || !scopes.isArray()) {
                continue;
            }
            for (JsonNode ss : scopes) {
                JsonNode spans = ss.path("spans");
                for (JsonNode span : spans) {
                    int i = index++;
                    try {
                        out.add(item(jsonSpan(span), resource, i, Format.OTLP_JSON,
                                () -> span.toString().getBytes(StandardCharsets.UTF_8)));
                    } catch (Reject r) {
                        out.add(new Parsed.Failure(i, r.reason(), r.getMessage(), span.toString().getBytes(StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw Reject.missing("OTLP request without spans");
        }
        return out;
    }

    private static SpanView jsonSpan(JsonNode span) {
        if (!span.isObject()) {
            throw Reject.invalid("span is not an object");
        }
        JsonNode kindNode = span.get("kind");
        int kind = 0;
        String kindName = "SPAN_KIND_UNSPECIFIED";
        if (kindNode != null && kindNode.isTextual()) {
            kindName = kindNode.asText();
            kind = switch (kindName) {
                case "SPAN_KIND_INTERNAL" -> 1;
                case "SPAN_KIND_SERVER" -> 2;
                case "SPAN_KIND_CLIENT" -> 3;
                case "SPAN_KIND_PRODUCER" -> 4;
                case "SPAN_KIND_CONSUMER" -> 5;
                case "SPAN_KIND_UNSPECIFIED" -> 0;
                default -> throw Reject.invalid("unknown span kind " + Reject.excerpt(kindName));
            };
        } else if (kindNode != null && !kindNode.isNull()) {
            kind = Math.toIntExact(Json.integer(span, "kind"));
            kindName = "kind " + kind;
        }
        Long start = Json.integer(span, "startTimeUnixNano", "start_time_unix_nano");
        Long end = Json.integer(span, "endTimeUnixNano", "end_time_unix_nano");
        JsonNode status = span.path("status");
        int code = 0;
        JsonNode codeNode = status.get("code");
        if (codeNode != null && codeNode.isTextual() && codeNode.asText().startsWith("STATUS_CODE_")) {
            code = "STATUS_CODE_ERROR".equals(codeNode.asText()) ? STATUS_ERROR : 1;
        } else if (codeNode != null && !codeNode.isNull()) {
            code = Math.toIntExact(Json.integer(status, "code"));
        }
        JsonNode attrs = span.path("attributes");
        return new SpanView(kind, kindName, Json.string(span, "name"), start == null ? 0 : start, end == null ? 0 : end,
                Json.string(span, "spanId", "span_id"), k -> jsonAttribute(attrs, k), code);
    }

    private static Parsed item(SpanView span, Function<String, Object> resource, int index, Format format,
            java.util.function.Supplier<byte[]> raw) {
        try {
            if (span.kind() != KIND_SERVER) {
                return new Parsed.Skipped(index, "span kind " + span.kindName() + " is not SERVER");
            }
            RawRequest.Builder b = RawRequest.builder();
            if (span.startNanos() <= 0) {
                throw Reject.missing("span has no start time");
            }
            if (span.endNanos() <= 0) {
                throw Reject.missing("span has no end time");
            }
            if (span.endNanos() < span.startNanos()) {
                throw Reject.invalid("span ends before it starts");
            }
            b.timestampMs(span.startNanos() / 1_000_000L);
            b.latencyMs((span.endNanos() - span.startNanos()) / 1_000_000.0);
            b.serviceName(str(resource.apply("service.name")));
            b.region(str(resource.apply("cloud.region")));
            Function<String, Object> a = span.attributes();
            String method = str(first(a, "http.request.method", "http.method"));
            if (method != null && !method.equals("_OTHER")) {
                b.method(RequestLine.method(method, method));
            }
            String route = str(a.apply("http.route"));
            if (route == null || route.isBlank()) {
                route = span.name();
            }
            if (route == null || route.isBlank()) {
                throw Reject.missing("span has neither http.route nor a name");
            }
            b.route(route);
            Object status = first(a, "http.response.status_code", "http.status_code");
            if (status != null) {
                int code = Text.status(String.valueOf(status), "http.response.status_code");
                b.status(code == 0 ? null : code);
            }
            Object grpc = a.apply("rpc.grpc.status_code");
            if (grpc != null) {
                b.grpcStatus(Math.toIntExact(grpc instanceof Long l ? GrpcStatus.check(l, l) : GrpcStatus.parse(String.valueOf(grpc))));
            }
            String rpcSystem = str(a.apply("rpc.system"));
            String version = str(first(a, "network.protocol.version", "http.flavor"));
            b.protocol("grpc".equals(rpcSystem) ? "grpc" : version == null ? null : "HTTP/" + version);
            b.authority(str(first(a, "server.address", "http.host", "net.host.name")));
            if (status == null && grpc == null) {
                // No code at all: the span's own status tells whether the server failed.
                b.serverFailed(span.statusCode() == STATUS_ERROR);
            }
            String id = span.spanId();
            b.requestId(id == null || id.isEmpty() ? null : id);
            return new Parsed.Request(index, format, b.build());
        } catch (Reject r) {
            return new Parsed.Failure(index, r.reason(), r.getMessage(), raw.get());
        }
    }

    private static Object first(Function<String, Object> attrs, String a, String b) {
        Object v = attrs.apply(a);
        return v != null ? v : attrs.apply(b);
    }

    private static Object first(Function<String, Object> attrs, String a, String b, String c) {
        Object v = first(attrs, a, b);
        return v != null ? v : attrs.apply(c);
    }

    private static String str(Object v) {
        return v == null ? null : v.toString();
    }

    private static Object find(List<KeyValue> attributes, String key) {
        for (int i = 0; i < attributes.size(); i++) {
            KeyValue kv = attributes.get(i);
            if (kv.getKey().equals(key)) {
                AnyValue v = kv.getValue();
                return switch (v.getValueCase()) {
                    case STRING_VALUE -> v.getStringValue();
                    case INT_VALUE -> v.getIntValue();
                    case DOUBLE_VALUE -> v.getDoubleValue();
                    case BOOL_VALUE -> v.getBoolValue();
                    default -> null;
                };
            }
        }
        return null;
    }

    private static Object jsonAttribute(JsonNode attributes, String key) {
        if (!attributes.isArray()) {
            return null;
        }
        for (JsonNode kv : attributes) {
            if (key.equals(kv.path("key").asText(null))) {
                JsonNode v = kv.path("value");
                if (v.has("stringValue")) {
                    return v.get("stringValue").asText();
                }
                if (v.has("intValue")) {
                    // OTLP/JSON writes 64-bit integers as strings.
                    return Json.integer(v, "intValue");
                }
                if (v.has("doubleValue")) {
                    return v.get("doubleValue").asDouble();
                }
                if (v.has("boolValue")) {
                    return v.get("boolValue").asBoolean();
                }
                return null;
            }
        }
        return null;
    }

    private static String hex(ByteString id) {
        return id.isEmpty() ? null : HexFormat.of().formatHex(id.toByteArray());
    }
}
