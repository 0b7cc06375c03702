package dev.vigil.bench.jmh;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.MemorySink;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.TrafficGenerator;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Benchmark inputs made by the traffic generator: the raw records the pipeline really reads. */
public final class Inputs {

    /** The pseudo format id of OTLP/JSON (the generator writes OTLP protobuf; this converts its records). */
    public static final String OTLP_JSON = "otlp-json";

    private Inputs() {
    }

    /** Up to {@code max} raw record values of one generator format (or {@link #OTLP_JSON}), from a short simulated run. */
    public static List<RawRecord> records(String formatId, int max) {
        boolean json = formatId.equals(OTLP_JSON);
        RawFormat format = json ? RawFormat.OTLP_HTTP : RawFormat.parse(formatId);
        ServiceProfile profile = Catalog.defaults().stream().filter(p -> p.format() == format).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service writes " + format));
        Instant start = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        GeneratorConfig config = GeneratorConfig.simulated(start, Duration.ofMinutes(1), 200, 7).withServices(List.of(profile))
                .withCount((long) max);
        MemorySink sink = new MemorySink();
        TrafficGenerator generator = new TrafficGenerator(config);
        generator.run(sink, generator.groundTruth(java.io.Writer.nullWriter()), () -> false);
        List<RawRecord> records = sink.records();
        if (records.isEmpty()) {
            throw new IllegalStateException("the generator wrote no " + formatId + " records");
        }
        return json ? records.stream().map(r -> new RawRecord(r.topic(), otlpJson(r.value()), r.timestampMillis())).toList() : records;
    }

    /** OTLP/JSON as the Collector's Kafka exporter writes it (hex ids, nanos as strings, enum numbers). */
    static byte[] otlpJson(byte[] proto) {
        try {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(proto);
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            ArrayNode resourceSpans = root.putArray("resourceSpans");
            HexFormat hex = HexFormat.of();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                ObjectNode rsNode = resourceSpans.addObject();
                attributes(rsNode.putObject("resource").putArray("attributes"), rs.getResource().getAttributesList());
                ArrayNode scopes = rsNode.putArray("scopeSpans");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    ArrayNode spans = scopes.addObject().putArray("spans");
                    for (Span span : ss.getSpansList()) {
                        ObjectNode s = spans.addObject();
                        s.put("traceId", hex.formatHex(span.getTraceId().toByteArray()));
                        s.put("spanId", hex.formatHex(span.getSpanId().toByteArray()));
                        s.put("name", span.getName());
                        s.put("kind", span.getKindValue());
                        s.put("startTimeUnixNano", Long.toUnsignedString(span.getStartTimeUnixNano()));
                        s.put("endTimeUnixNano", Long.toUnsignedString(span.getEndTimeUnixNano()));
                        attributes(s.putArray("attributes"), span.getAttributesList());
                        if (span.hasStatus()) {
                            s.putObject("status").put("code", span.getStatus().getCodeValue());
                        }
                    }
                }
            }
            return mapper.writeValueAsBytes(root);
        } catch (InvalidProtocolBufferException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void attributes(ArrayNode into, List<KeyValue> attributes) {
        for (KeyValue kv : attributes) {
            ObjectNode a = into.addObject();
            a.put("key", kv.getKey());
            ObjectNode v = a.putObject("value");
            AnyValue value = kv.getValue();
            switch (value.getValueCase()) {
                case INT_VALUE -> v.put("intValue", Long.toString(value.getIntValue()));
                case BOOL_VALUE -> v.put("boolValue", value.getBoolValue());
                case DOUBLE_VALUE -> v.put("doubleValue", value.getDoubleValue());
                default -> v.put("stringValue", value.getStringValue());
            }
        }
    }
}
