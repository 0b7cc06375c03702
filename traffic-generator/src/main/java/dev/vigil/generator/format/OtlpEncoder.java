package dev.vigil.generator.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import com.google.protobuf.ByteString;

import dev.vigil.generator.model.GeneratedRequest;
import dev.vigil.generator.model.IdKind;
import dev.vigil.generator.model.RawFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

/**
 * OTLP traces as the OpenTelemetry Collector's Kafka exporter writes them: one protobuf
 * {@code ExportTraceServiceRequest} per record, up to {@link #BATCH} server spans of one service,
 * one {@code ResourceSpans} per region ({@code service.name}, {@code cloud.region}). About a third of
 * the server spans come with a CLIENT child span (a database or downstream call), which the
 * normalizer skips on purpose. HTTP spans use the current semantic conventions for most spans and the
 * legacy {@code http.method} / {@code http.status_code} (integer or string) for the rest.
 */
public final class OtlpEncoder implements RawEncoder {

    static final int BATCH = 50;
    static final double CLIENT_SPAN_RATIO = 0.3;

    private final RawFormat format;
    private final SplittableRandom rng;

    OtlpEncoder(RawFormat format, long seed) {
        this.format = format;
        this.rng = new SplittableRandom(seed * 31 + format.ordinal());
    }

    @Override
    public RawFormat format() {
        return format;
    }

    @Override
    public void encode(List<GeneratedRequest> requests, double duplicateRatio, Consumer<Encoded> out) {
        Map<String, List<GeneratedRequest>> byService = new LinkedHashMap<>();
        for (GeneratedRequest r : requests) {
            byService.computeIfAbsent(r.service(), s -> new ArrayList<>()).add(r);
        }
        for (List<GeneratedRequest> spans : byService.values()) {
            for (int from = 0; from < spans.size(); from += BATCH) {
                out.accept(batch(spans.subList(from, Math.min(spans.size(), from + BATCH)), duplicateRatio));
            }
        }
    }

    private Encoded batch(List<GeneratedRequest> requests, double duplicateRatio) {
        Map<String, ScopeSpans.Builder> byRegion = new LinkedHashMap<>();
        Map<String, String> hostByRegion = new LinkedHashMap<>();
        int skipped = 0;
        int duplicates = 0;
        for (GeneratedRequest r : requests) {
            ScopeSpans.Builder scope = byRegion.computeIfAbsent(r.region(), region -> ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder()
                            .setName(format.grpc() ? "io.opentelemetry.grpc-1.6" : "io.opentelemetry.tomcat-10.0")
                            .setVersion("2.3.0-alpha")));
            hostByRegion.putIfAbsent(r.region(), r.host());
            Span server = serverSpan(r);
            scope.addSpans(server);
            if (rng.nextDouble() < CLIENT_SPAN_RATIO) {
                scope.addSpans(clientSpan(r, server));
                skipped++;
            }
            if (duplicateRatio > 0 && rng.nextDouble() < duplicateRatio) {
                scope.addSpans(server);                 // the same span id again: an SDK retry
                duplicates++;
            }
        }
        ExportTraceServiceRequest.Builder export = ExportTraceServiceRequest.newBuilder();
        String service = requests.get(0).service();
        byRegion.forEach((region, scope) -> export.addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder()
                        .addAttributes(kv("service.name", service))
                        .addAttributes(kv("service.version", "1.14.2"))
                        .addAttributes(kv("cloud.provider", "aws"))
                        .addAttributes(kv("cloud.region", region))
                        .addAttributes(kv("k8s.namespace.name", "prod"))
                        .addAttributes(kv("host.name", hostByRegion.get(region)))
                        .addAttributes(kv("telemetry.sdk.language", "java")))
                .addScopeSpans(scope)
                .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0")));
        long first = requests.stream().mapToLong(GeneratedRequest::timestampMillis).min().orElseThrow();
        return Encoded.valid(export.build().toByteArray(), first, requests.size(), skipped, duplicates);
    }

    private Span serverSpan(GeneratedRequest r) {
        long start = r.startNanos();
        long end = start + Math.round(r.latencyMs() * 1000) * 1000L;
        String route = r.endpoint().substring(r.endpoint().indexOf(' ') + 1);
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.fromHex(r.traceId()))
                .setSpanId(ByteString.fromHex(r.requestId()))
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(end);
        boolean answered = r.statusCode() != null || r.grpcStatus() != null;
        if (format.grpc()) {
            String rpcPath = route.substring(1);
            span.setName(rpcPath)
                    .addAttributes(kv("rpc.system", "grpc"))
                    .addAttributes(kv("rpc.service", rpcPath.substring(0, rpcPath.indexOf('/'))))
                    .addAttributes(kv("rpc.method", rpcPath.substring(rpcPath.indexOf('/') + 1)))
                    .addAttributes(kv("http.request.method", r.method()))
                    .addAttributes(kv("http.route", route))
                    .addAttributes(kv("rpc.grpc.status_code", r.grpcStatus()));
        } else {
            boolean legacy = (r.requestBytes() % 10) < 3;
            span.setName(r.method() + " " + route)
                    .addAttributes(kv(legacy ? "http.method" : "http.request.method", r.method()))
                    .addAttributes(kv("http.route", route))
                    .addAttributes(kv(legacy ? "http.target" : "url.path", legacy ? r.path() : stripQuery(r.path())))
                    .addAttributes(kv("url.scheme", "http"))
                    .addAttributes(kv("server.address", r.service()))
                    .addAttributes(kv("client.address", r.clientIp()))
                    .addAttributes(kv("user_agent.original", r.userAgent()));
            if (r.statusCode() != null) {
                if (!legacy) {
                    span.addAttributes(kv("http.response.status_code", r.statusCode()));
                } else if (r.requestBytes() % 2 == 0) {
                    span.addAttributes(kv("http.status_code", r.statusCode()));
                } else {
                    span.addAttributes(kv("http.status_code", Integer.toString(r.statusCode())));
                }
            } else {
                span.addAttributes(kv("error.type", "timeout"));
            }
        }
        boolean failed = !answered || r.outcome() == dev.vigil.avro.Outcome.AVAILABILITY_ERROR;
        if (failed) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
        }
        return span.build();
    }

    private Span clientSpan(GeneratedRequest r, Span parent) {
        long offset = (parent.getEndTimeUnixNano() - parent.getStartTimeUnixNano()) / 4;
        long duration = Math.max(1_000, (parent.getEndTimeUnixNano() - parent.getStartTimeUnixNano()) / 2);
        return Span.newBuilder()
                .setTraceId(parent.getTraceId())
                .setSpanId(ByteString.fromHex(IdKind.hex(rng, 16)))
                .setParentSpanId(parent.getSpanId())
                .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                .setName(format.grpc() ? "SELECT recommendations.items" : "GET")
                .setStartTimeUnixNano(parent.getStartTimeUnixNano() + offset)
                .setEndTimeUnixNano(parent.getStartTimeUnixNano() + offset + duration)
                .addAttributes(format.grpc() ? kv("db.system", "postgresql") : kv("http.request.method", "GET"))
                .addAttributes(format.grpc() ? kv("db.name", "recommendations") : kv("server.address", "inventory"))
                .build();
    }

    private static String stripQuery(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    static KeyValue kv(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue kv(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    /** Bytes no protobuf parser accepts: a tag with the reserved wire type 7. */
    @Override
    public byte[] garbage(byte[] valid, RandomGenerator random) {
        byte[] bad = new byte[16 + random.nextInt(48)];
        random.nextBytes(bad);
        bad[0] = (byte) 0xFF;
        bad[1] = (byte) 0xFF;
        bad[2] = (byte) 0x07;
        return bad;
    }
}
