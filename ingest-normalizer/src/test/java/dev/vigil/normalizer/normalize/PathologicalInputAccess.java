package dev.vigil.normalizer.normalize;

import java.time.Instant;

import com.google.protobuf.ByteString;

import dev.vigil.normalizer.Samples;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Larger generated inputs for the benchmarks. */
public final class PathologicalInputAccess {

    private PathologicalInputAccess() {
    }

    /** One resource with {@code n} SERVER spans (route, method, status, ids), like a busy service's export batch. */
    public static ExportTraceServiceRequest serverSpans(Instant t, int n) {
        long start = t.toEpochMilli() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < n; i++) {
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setSpanId(ByteString.copyFrom(
                    java.nio.ByteBuffer.allocate(8).putLong(i + 1).array())).setName("GET /carts/{id}").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                    .setStartTimeUnixNano(start + i).setEndTimeUnixNano(start + i + 3_000_000)
                    .addAttributes(Samples.str("http.request.method", "GET")).addAttributes(Samples.str("http.route", "/carts/{id}"))
                    .addAttributes(Samples.num("http.response.status_code", i % 50 == 0 ? 503 : 200))
                    .addAttributes(Samples.str("url.path", "/carts/" + i)).addAttributes(Samples.str("server.address", "checkout")));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(Samples.str("service.name", "checkout"))
                        .addAttributes(Samples.str("cloud.region", "eu-west-1")))
                .addScopeSpans(scope)).build();
    }
}
