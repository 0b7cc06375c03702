package dev.vigil.generator.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vigil.generator.model.Catalog;
import dev.vigil.generator.model.IncidentSchedule;
import dev.vigil.generator.model.RawFormat;
import dev.vigil.generator.model.ServiceProfile;
import dev.vigil.generator.run.GeneratorConfig;
import dev.vigil.generator.run.MemorySink;
import dev.vigil.generator.run.Mode;
import dev.vigil.generator.run.RawRecord;
import dev.vigil.generator.run.TrafficGenerator;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;

/** Each raw format's records look like the real thing and carry service and region where the contract says. */
class FormatSamplesTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    private List<RawRecord> sample(String service, RawFormat format) {
        ServiceProfile profile = Catalog.defaults().stream().filter(p -> p.name().equals(service)).findFirst().orElseThrow()
                .withFormat(format);
        GeneratorConfig config = new GeneratorConfig(List.of(profile), 200, Mode.SIMULATED, START, Duration.ofSeconds(60), null,
                Duration.ofSeconds(1), 9, IncidentSchedule.none(), 0, 0, Map.of());
        MemorySink sink = new MemorySink();
        TrafficGenerator g = new TrafficGenerator(config);
        g.run(sink, g.groundTruth(java.io.Writer.nullWriter()), () -> false);
        assertThat(sink.records()).hasSizeGreaterThan(100);
        return sink.records();
    }

    private List<String> messages(List<RawRecord> records, String field) throws Exception {
        List<String> out = new ArrayList<>();
        for (RawRecord r : records) {
            out.add(json.readTree(r.value()).get(field).asText());
        }
        return out;
    }

    private void decodesAs(List<RawRecord> records, String service) throws Exception {
        ContractDecoder decoder = new ContractDecoder();
        for (RawRecord r : records) {
            for (ContractDecoder.Event e : decoder.decode(r.topic(), r.value()).events()) {
                assertThat(e.service()).isEqualTo(service);
                assertThat(e.region()).isNotNull();
                assertThat(e.endpoint()).doesNotContain("?");
            }
        }
    }

    @Test
    void nginxTimedInAnEnvelopeNamingServiceAndRegion() throws Exception {
        List<RawRecord> records = sample("checkout", RawFormat.NGINX_TIMED);
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo("raw.nginx"));
        JsonNode env = json.readTree(records.get(0).value());
        assertThat(env.get("service").asText()).isEqualTo("checkout");
        assertThat(env.get("region").asText()).isIn("eu-west-1", "us-east-1");
        assertThat(messages(records, "message")).allSatisfy(line -> assertThat(line).matches(
                "\\S+ - - \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} [+-]\\d{4}\\] \"[A-Z]+ /\\S* HTTP/(1\\.1|2\\.0)\" \\d{3} \\d+ "
                        + "\"[^\"]*\" \"[^\"]*\" \\d+\\.\\d{3} \\d+\\.\\d{3}"));
        decodesAs(records, "checkout");
    }

    @Test
    void plainNginxCombinedHasNoTiming() throws Exception {
        List<RawRecord> records = sample("notifications", RawFormat.NGINX_COMBINED);
        assertThat(messages(records, "message")).allSatisfy(line -> assertThat(line).endsWith("\""));
        decodesAs(records, "notifications");
    }

    @Test
    void ingressNginxNamesTheServiceInItsUpstream() throws Exception {
        List<RawRecord> records = sample("search", RawFormat.INGRESS_NGINX);
        assertThat(json.readTree(records.get(0).value()).has("service")).as("the line names the service").isFalse();
        List<String> lines = messages(records, "log");
        assertThat(lines).allSatisfy(line -> assertThat(line).contains(" [prod-search-80] [] ").matches(".* [0-9a-f]{32}"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(", ").contains("502, "));   // a retried request
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("GET /search?q="));
        decodesAs(records, "search");
    }

    @Test
    void apacheCombinedWithMicroseconds() throws Exception {
        List<RawRecord> records = sample("shipping", RawFormat.APACHE);
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo("raw.apache"));
        assertThat(messages(records, "message")).allSatisfy(line -> assertThat(line).matches(".*\" (\\d{3}) (\\d+|-) \"[^\"]*\" \"[^\"]*\" \\d+"));
        decodesAs(records, "shipping");
    }

    @Test
    void envoyTextUsesTheAuthority() throws Exception {
        List<RawRecord> records = sample("payments", RawFormat.ENVOY_TEXT);
        List<String> lines = messages(records, "log");
        assertThat(lines).allSatisfy(line -> assertThat(line).matches(
                "\\[\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z\\] \"[A-Z]+ \\S+ HTTP/(1\\.1|2)\" \\d+ \\S+ \\d+ \\d+ \\d+ \\S+ "
                        + "\"[^\"]*\" \"[^\"]*\" \"[0-9a-f-]{36}\" \"payments\\.(prod\\.svc\\.cluster\\.local:8080|example\\.com)\" \"[^\"]*\""));
        decodesAs(records, "payments");
    }

    @Test
    void istioJsonUsesTheUpstreamCluster() throws Exception {
        List<RawRecord> records = sample("catalog", RawFormat.ISTIO_JSON);
        JsonNode line = json.readTree(json.readTree(records.get(0).value()).get("log").asText());
        assertThat(line.get("upstream_cluster").asText()).isEqualTo("outbound|8080||catalog.prod.svc.cluster.local");
        assertThat(line.has("request_id")).isTrue();
        assertThat(line.get("response_code").isInt()).isTrue();
        decodesAs(records, "catalog");
    }

    @Test
    void albLinesCarryTheTargetGroupArn() throws Exception {
        List<RawRecord> records = sample("auth", RawFormat.ALB);
        List<String> lines = records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
        assertThat(lines).allSatisfy(line -> assertThat(line)
                .matches("(https|h2) \\S+Z app/\\S+ .* arn:aws:elasticloadbalancing:(eu-west-1|us-east-1):123456789012:targetgroup/auth/73e2d6bc24d8a067 "
                        + "\"Root=1-[0-9a-f]{8}-[0-9a-f]{24}\" .*"));
        decodesAs(records, "auth");
    }

    @Test
    void classicElbLinesNameTheLoadBalancer() throws Exception {
        List<RawRecord> records = sample("reviews", RawFormat.ELB_CLASSIC);
        assertThat(messages(records, "message")).allSatisfy(line -> assertThat(line)
                .matches("\\S+Z reviews \\S+:\\d+ \\S+:\\d+ \\d+\\.\\d{6} \\d+\\.\\d{6} \\d+\\.\\d{6} \\d{3} \\d{3} \\d+ \\d+ \"[^\"]+\" \"[^\"]+\" - -"));
        decodesAs(records, "reviews");
    }

    @Test
    void canonicalJsonHasTheContractFields() throws Exception {
        List<RawRecord> records = sample("inventory", RawFormat.CANONICAL);
        JsonNode first = json.readTree(records.get(0).value());
        assertThat(first.has("timestamp") && first.has("service") && first.has("statusCode") && first.has("latencyMs")
                && first.has("region") && first.has("requestId") && first.has("grpcStatus")).isTrue();
        assertThat(records).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"endpoint\""));
        assertThat(records).anySatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"path\""));
        decodesAs(records, "inventory");
    }

    @Test
    void otlpBatchesServerSpansWithClientSpansToSkip() throws Exception {
        List<RawRecord> records = sample("cart", RawFormat.OTLP_HTTP);
        int server = 0;
        int client = 0;
        for (RawRecord r : records) {
            ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(r.value());
            for (var rs : req.getResourceSpansList()) {
                assertThat(rs.getResource().getAttributesList()).anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("service.name"));
                for (var ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        if (s.getKind() == Span.SpanKind.SPAN_KIND_SERVER) {
                            server++;
                            assertThat(s.getAttributesList()).anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("http.route"));
                        } else {
                            assertThat(s.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
                            client++;
                        }
                    }
                }
            }
        }
        assertThat(server).isGreaterThan(records.size());            // batches
        assertThat((double) client / server).isBetween(0.2, 0.4);
        decodesAs(records, "cart");
    }

    @Test
    void grpcSpansCarryTheGrpcStatus() throws Exception {
        List<RawRecord> records = sample("recommendations", RawFormat.OTLP_GRPC);
        ExportTraceServiceRequest req = ExportTraceServiceRequest.parseFrom(records.get(0).value());
        Span span = req.getResourceSpans(0).getScopeSpans(0).getSpansList().stream()
                .filter(s -> s.getKind() == Span.SpanKind.SPAN_KIND_SERVER).findFirst().orElseThrow();
        assertThat(span.getName()).startsWith("recommendations.Recommender/");
        assertThat(span.getAttributesList()).anySatisfy(kv -> assertThat(kv.getKey()).isEqualTo("rpc.grpc.status_code"));
        decodesAs(records, "recommendations");
    }
}
