package dev.vigil.normalizer.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.Outcome;
import dev.vigil.avro.RequestEvent;
import dev.vigil.normalizer.Samples;
import dev.vigil.normalizer.normalize.NormalizeSettings;
import dev.vigil.normalizer.normalize.ServiceRule;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.normalizer.parse.Format;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Parsers, rules and the dedup/cap stage through the real topology (TopologyTestDriver). */
class NormalizerTopologyTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant t = now.minusSeconds(30);
    private Fixture fx;

    @BeforeEach
    void start() {
        fx = new Fixture(now);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void nginxVariantsLineByLine() {
        fx.send("nginx", Samples.nginxCombinedEnvelope(t));
        fx.send("nginx", Samples.nginxTimed(t));
        fx.send("nginx", Samples.nginxIngress(t, "5a1b2c3d4e5f60718293a4b5c6d7e8f9"));
        fx.send("nginx", Samples.nginxIngressRetry(t));
        fx.send("nginx", Samples.nginxIngressRedirect(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).hasSize(5);

        RequestEvent combined = events.get(0);
        assertThat(combined.getService()).isEqualTo("checkout");
        assertThat(combined.getRegion()).isEqualTo("eu-west-1");
        assertThat(combined.getEndpoint()).isEqualTo("GET /carts/{id}");
        assertThat(combined.getTimestamp()).isEqualTo(t.truncatedTo(ChronoUnit.SECONDS));
        assertThat(combined.getStatusCode()).isEqualTo(200);
        assertThat(combined.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(combined.getLatencyMs()).isNull();
        assertThat(combined.getResponseBytes()).isEqualTo(512L);
        assertThat(combined.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(combined.getSourceFormat()).isEqualTo("nginx");
        assertThat(combined.getSourceTopic()).isEqualTo("raw.nginx");

        RequestEvent timed = events.get(1);
        assertThat(timed.getService()).isEqualTo("nginx");
        assertThat(timed.getEndpoint()).isEqualTo("POST /api/orders/{id}");
        assertThat(timed.getOutcome()).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(timed.getLatencyMs()).isCloseTo(250.0, within(1e-9));

        RequestEvent ingress = events.get(2);
        assertThat(ingress.getService()).isEqualTo("user-profile");
        assertThat(ingress.getEndpoint()).isEqualTo("GET /api/v1/users/{id}/profile");
        assertThat(ingress.getLatencyMs()).isCloseTo(4.0, within(1e-9));
        assertThat(ingress.getRequestId()).isEqualTo("5a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(ingress.getProtocol()).isEqualTo("HTTP/2.0");

        RequestEvent retry = events.get(3);
        assertThat(retry.getService()).isEqualTo("checkout");
        assertThat(retry.getEndpoint()).isEqualTo("POST /checkout");
        assertThat(retry.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(retry.getRequestId()).isEqualTo("0f2d8e3a9b7c4d1e2f3a4b5c6d7e8f90");

        RequestEvent redirect = events.get(4);
        assertThat(redirect.getService()).isEqualTo("login-api");
        assertThat(redirect.getStatusCode()).isEqualTo(504);
        assertThat(redirect.getLatencyMs()).isCloseTo(5002.0, within(1e-6));
        assertThat(fx.deadLetters()).isEmpty();
    }

    @Test
    void apacheCommonAndCombinedWithMicros() {
        fx.send("apache", Samples.apacheCommon(t));
        fx.send("apache", Samples.apacheCombinedMicros(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService).containsExactly("apache", "apache");
        assertThat(events.get(0).getEndpoint()).isEqualTo("GET /apache_pb.gif");
        assertThat(events.get(0).getResponseBytes()).isEqualTo(2326L);
        assertThat(events.get(0).getProtocol()).isEqualTo("HTTP/1.0");
        assertThat(events.get(1).getEndpoint()).isEqualTo("GET /search");
        assertThat(events.get(1).getOutcome()).isEqualTo(Outcome.CLIENT_ERROR);
        assertThat(events.get(1).getResponseBytes()).isNull();
        assertThat(events.get(1).getLatencyMs()).isCloseTo(1.534, within(1e-9));
    }

    @Test
    void envoyTextIstioAndJson() {
        fx.send("envoy", Samples.envoyDefault(t, "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2"));
        fx.send("envoy", Samples.envoyNoResponse(t));
        fx.send("envoy", Samples.envoyTcp(t));
        fx.send("envoy", Samples.envoyIstioText(t));
        fx.send("envoy", Samples.envoyIstioJson(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService).containsExactly("locations", "checkout", "productpage", "cartservice");
        RequestEvent first = events.get(0);
        assertThat(first.getEndpoint()).isEqualTo("POST /api/v1/locations");
        assertThat(first.getStatusCode()).isEqualTo(204);
        assertThat(first.getLatencyMs()).isEqualTo(226.0);
        assertThat(first.getRequestId()).isEqualTo("cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2");
        assertThat(first.getTimestamp()).isEqualTo(t);
        RequestEvent noResponse = events.get(1);
        assertThat(noResponse.getStatusCode()).isNull();
        assertThat(noResponse.getOutcome()).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(events.get(2).getEndpoint()).isEqualTo("GET /productpage");
        assertThat(events.get(2).getLatencyMs()).isEqualTo(16.0);
        RequestEvent grpc = events.get(3);
        assertThat(grpc.getEndpoint()).isEqualTo("POST /hipstershop.CartService/GetCart");
        assertThat(grpc.getGrpcStatus()).isEqualTo(14);
        assertThat(grpc.getOutcome()).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(fx.counter("envoy", Counter.SKIPPED, null)).isEqualTo(1);
        assertThat(fx.deadLetters()).isEmpty();
    }

    @Test
    void albAndClassicElb() {
        fx.send("alb", Samples.alb(t, "1-58337281-1d84f3d73c47ec4e58577259"));
        fx.send("alb", Samples.albNoTarget(t));
        fx.send("alb", Samples.albRedirect(t));
        fx.send("alb", Samples.classicElb(t));
        fx.send("alb", Samples.classicElbTcp(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService).containsExactly("checkout", "checkout", "alb", "my-legacy-elb");
        RequestEvent alb = events.get(0);
        assertThat(alb.getRegion()).isEqualTo("eu-west-1");
        assertThat(alb.getEndpoint()).isEqualTo("GET /carts/{id}");
        assertThat(alb.getTimestamp()).isEqualTo(t.minusMillis(171));
        assertThat(alb.getLatencyMs()).isCloseTo(171.0, within(1e-6));
        assertThat(alb.getRequestId()).isEqualTo("1-58337281-1d84f3d73c47ec4e58577259");
        RequestEvent noTarget = events.get(1);
        assertThat(noTarget.getOutcome()).isEqualTo(Outcome.AVAILABILITY_ERROR);
        assertThat(noTarget.getLatencyMs()).isNull();
        assertThat(noTarget.getStatusCode()).isEqualTo(502);
        RequestEvent redirect = events.get(2);
        assertThat(redirect.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(redirect.getStatusCode()).isEqualTo(301);
        RequestEvent elb = events.get(3);
        assertThat(elb.getEndpoint()).isEqualTo("GET /orders/{id}");
        assertThat(elb.getRegion()).isNull();
        assertThat(fx.counter("alb", Counter.SKIPPED, null)).isEqualTo(1);
    }

    @Test
    void otlpBatchGoodSpansPassBadSpansAreDeadLetteredClientSpansSkipped() {
        long start = t.toEpochMilli() * 1_000_000L;
        ExportTraceServiceRequest batch = Samples.otlp(t).toBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(Samples.str("service.name", "search")))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setSpanId(ByteString.fromHex("f1f2f3f4f5f6f7f8"))
                                .setName("GET /q").setKind(Span.SpanKind.SPAN_KIND_SERVER).setStartTimeUnixNano(start)
                                .setEndTimeUnixNano(start - 1))))
                .build();
        fx.send("otlp", batch.toByteArray());
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService).containsExactlyInAnyOrder("checkout", "cart", "cart");
        RequestEvent checkout = events.stream().filter(e -> e.getService().equals("checkout")).findFirst().orElseThrow();
        assertThat(checkout.getEndpoint()).isEqualTo("GET /carts/{id}");
        assertThat(checkout.getRegion()).isEqualTo("eu-west-1");
        assertThat(checkout.getLatencyMs()).isEqualTo(12.5);
        assertThat(checkout.getRequestId()).isEqualTo("a1a2a3a4a5a6a7a8");
        assertThat(checkout.getSourceFormat()).isEqualTo("otlp_proto");
        assertThat(events).filteredOn(e -> e.getService().equals("cart")).extracting(RequestEvent::getEndpoint, RequestEvent::getOutcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("hipstershop.CartService/GetCart", Outcome.AVAILABILITY_ERROR),
                        org.assertj.core.groups.Tuple.tuple("POST /cart/items", Outcome.AVAILABILITY_ERROR));
        List<KeyValue<String, DeadLetter>> dead = fx.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value.getReason()).isEqualTo(DeadLetterReason.INVALID_VALUE);
        assertThat(dead.get(0).value.getItemIndex()).isEqualTo(5);
        assertThat(dead.get(0).value.getSourceFormat()).isEqualTo("otlp_proto");
        assertThat(fx.counter("otlp", Counter.RECORDS, null)).isEqualTo(1);
        assertThat(fx.counter("otlp", Counter.IN, null)).isEqualTo(6);
        assertThat(fx.counter("otlp", Counter.OUT, null)).isEqualTo(3);
        assertThat(fx.counter("otlp", Counter.SKIPPED, null)).isEqualTo(2);
        assertThat(fx.counter("otlp", Counter.DEAD_LETTER, "INVALID_VALUE")).isEqualTo(1);
    }

    @Test
    void otlpJsonWithHexIdsAndIntegerEnums() {
        fx.send("otlp", Samples.otlpJson(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getService()).isEqualTo("checkout");
        assertThat(events.get(0).getRequestId()).isEqualTo("a1a2a3a4a5a6a7a8");
        assertThat(events.get(0).getSourceFormat()).isEqualTo("otlp_json");
        assertThat(events.get(0).getStatusCode()).isEqualTo(200);
        assertThat(fx.counter("otlp", Counter.SKIPPED, null)).isEqualTo(1);
    }

    @Test
    void canonicalEvents() {
        fx.send("events", Samples.canonical(t, "r-1"));
        fx.send("events", Samples.canonicalPath(t));
        List<RequestEvent> events = fx.events();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).getEndpoint()).isEqualTo("POST /payments/{id}/capture");
        assertThat(events.get(0).getRegion()).isEqualTo("us-east-1");
        assertThat(events.get(0).getLatencyMs()).isEqualTo(48.5);
        assertThat(events.get(1).getEndpoint()).isEqualTo("GET /users/{id}/orders");
        assertThat(events.get(1).getOutcome()).isEqualTo(Outcome.CLIENT_ERROR);
    }

    @Test
    void tooManyRequestsCanCountAsAvailabilityError() {
        fx.close();
        NormalizeSettings d = NormalizeSettings.defaults();
        fx = new Fixture(TopologySettings.defaults().withNormalize(new NormalizeSettings(d.maxRecordBytes(), d.maxEndpointsPerService(),
                d.maxFuture(), d.maxAge(), Set.of(429), d.dedupWindow())), now);
        fx.send("events", Samples.canonicalPath(t));
        assertThat(fx.events().get(0).getOutcome()).isEqualTo(Outcome.AVAILABILITY_ERROR);
    }

    @Test
    void duplicateRequestIdsWithinTheWindowAreDroppedAndCounted() {
        Instant t0 = now.minus(Duration.ofMinutes(20));
        fx.send("nginx", Samples.nginxIngress(t0, "dup-1"));
        fx.send("nginx", Samples.nginxIngress(t0, "dup-1"));
        fx.send("nginx", Samples.nginxIngress(t0.plusSeconds(300), "dup-1"));
        fx.send("nginx", Samples.nginxIngress(t0, "dup-2"));
        // The same id from another service is another request.
        fx.send("envoy", Samples.envoyDefault(t0, "dup-1"));
        // Beyond the 10-minute window the id may be reused.
        fx.send("nginx", Samples.nginxIngress(t0.plusSeconds(660), "dup-1"));
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService, RequestEvent::getRequestId).containsExactly(
                org.assertj.core.groups.Tuple.tuple("user-profile", "dup-1"), org.assertj.core.groups.Tuple.tuple("user-profile", "dup-2"),
                org.assertj.core.groups.Tuple.tuple("locations", "dup-1"), org.assertj.core.groups.Tuple.tuple("user-profile", "dup-1"));
        assertThat(fx.counter("nginx", Counter.DUPLICATE, null)).isEqualTo(2);
        assertThat(fx.counter("nginx", Counter.OUT, null)).isEqualTo(3);
        // Lines without a request id are never duplicates.
        fx.send("apache", Samples.apacheCommon(t));
        fx.send("apache", Samples.apacheCommon(t));
        assertThat(fx.events()).hasSize(2);
    }

    @Test
    void endpointsAreCappedPerService() {
        fx.close();
        NormalizeSettings d = NormalizeSettings.defaults();
        fx = new Fixture(TopologySettings.defaults().withNormalize(new NormalizeSettings(d.maxRecordBytes(), 3, d.maxFuture(), d.maxAge(),
                Set.of(), d.dedupWindow())), now);
        for (String path : List.of("/a", "/b", "/c", "/d", "/a", "/e")) {
            fx.send("apache", Samples.nginxCombined(t, path, 200));
        }
        fx.send("nginx", Samples.nginxCombined(t, "/z", 200));
        assertThat(fx.events()).extracting(RequestEvent::getService, RequestEvent::getEndpoint).containsExactly(
                org.assertj.core.groups.Tuple.tuple("apache", "GET /a"), org.assertj.core.groups.Tuple.tuple("apache", "GET /b"),
                org.assertj.core.groups.Tuple.tuple("apache", "GET /c"), org.assertj.core.groups.Tuple.tuple("apache", "{other}"),
                org.assertj.core.groups.Tuple.tuple("apache", "GET /a"), org.assertj.core.groups.Tuple.tuple("apache", "{other}"),
                org.assertj.core.groups.Tuple.tuple("nginx", "GET /z"));
        assertThat(fx.counter("apache", Counter.ENDPOINT_CAPPED, null)).isEqualTo(2);
    }

    @Test
    void deadLettersKeepReasonOriginAndRawBytes() {
        fx.send("apache", "200 OK hello");
        fx.send("apache", Samples.apacheCommon(t));
        fx.send("apache", Samples.apacheCommon(now.plus(Duration.ofMinutes(10))));
        fx.send("apache", Samples.apacheCommon(now.minus(Duration.ofHours(25))));
        List<KeyValue<String, DeadLetter>> dead = fx.deadLetters();
        assertThat(dead).extracting(kv -> kv.key).containsOnly("raw.apache");
        assertThat(dead).extracting(kv -> kv.value.getReason()).containsExactly(DeadLetterReason.UNPARSEABLE,
                DeadLetterReason.FUTURE_TIMESTAMP, DeadLetterReason.TOO_OLD);
        DeadLetter first = dead.get(0).value;
        assertThat(first.getApp()).isEqualTo("ingest-normalizer");
        assertThat(first.getSourceTopic()).isEqualTo("raw.apache");
        assertThat(first.getSourcePartition()).isEqualTo(0);
        assertThat(first.getSourceOffset()).isEqualTo(0L);
        assertThat(first.getSourceFormat()).isEqualTo("apache");
        assertThat(first.getItemIndex()).isNull();
        assertThat(first.getMessage()).isNotBlank();
        assertThat(new String(first.getRaw().array(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("200 OK hello");
        assertThat(dead.get(1).value.getSourceOffset()).isEqualTo(2L);
        assertThat(fx.events()).hasSize(1);
    }

    @Test
    void multiLineRecordsYieldOneItemPerLine() {
        fx.send("nginx", Samples.nginxTimed(t) + "\n\n" + "not a line\n" + Samples.nginxIngress(t, "ml-1") + "\n");
        assertThat(fx.events()).hasSize(2);
        List<KeyValue<String, DeadLetter>> dead = fx.deadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).value.getItemIndex()).isEqualTo(1);
        assertThat(new String(dead.get(0).value.getRaw().array(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("not a line");
        assertThat(fx.counter("nginx", Counter.RECORDS, null)).isEqualTo(1);
        assertThat(fx.counter("nginx", Counter.IN, null)).isEqualTo(3);
    }

    @Test
    void oversizedRecordsAreDeadLetteredWithTheirFirst8KiB() {
        byte[] big = new byte[NormalizeSettings.ONE_MIB + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        fx.send("nginx", big);
        DeadLetter letter = fx.deadLetters().get(0).value;
        assertThat(letter.getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
        assertThat(letter.getRawSize()).isEqualTo(big.length);
        assertThat(letter.getRaw().remaining()).isEqualTo(8 * 1024);
    }

    @Test
    void configuredRulesNameServiceAndRegion() {
        fx.close();
        SourceSpec custom = new SourceSpec("edge", "raw.edge", Format.NGINX, null, List.of(
                ServiceRule.of("host", "([a-z]+)-[0-9]+\\.(?<region>[a-z]+-[a-z]+-[0-9])\\.example\\.net", "$1", "${region}"),
                ServiceRule.of("path", "/api/(?<svc>[a-z]+)/.*", "api-${svc}", null)));
        fx = new Fixture(new TopologySettings("request-events", "ingest-dlq", List.of(custom), NormalizeSettings.defaults()), now);
        String line = Samples.nginxCombined(t, "/api/search/items?q=1", 200);
        fx.send("edge", "{\"log\":" + "\"" + line.replace("\"", "\\\"") + "\",\"host\":\"catalog-7.eu-west-1.example.net\"}");
        fx.send("edge", line);
        fx.send("edge", Samples.nginxCombined(t, "/health", 200));
        List<RequestEvent> events = fx.events();
        assertThat(events).extracting(RequestEvent::getService, RequestEvent::getRegion).containsExactly(
                org.assertj.core.groups.Tuple.tuple("catalog", "eu-west-1"), org.assertj.core.groups.Tuple.tuple("api-search", null));
        assertThat(fx.deadLetters()).extracting(kv -> kv.value.getReason()).containsExactly(DeadLetterReason.MISSING_FIELD);
    }

    @Test
    void everyItemIsCountedOnceWhateverItsFate() {
        fx.send("nginx", Samples.nginxIngress(t, "c-1"));
        fx.send("nginx", Samples.nginxIngress(t, "c-1"));
        fx.send("nginx", "garbage");
        fx.send("envoy", Samples.envoyTcp(t));
        fx.send("otlp", Samples.otlp(t).toByteArray());
        fx.send("events", new byte[] { (byte) 0xff, (byte) 0xfe });
        fx.send("alb", (byte[]) null);
        Map<String, Long> counters = fx.counters();
        for (SourceSpec s : fx.settings().sources()) {
            var c = dev.vigil.normalizer.query.SourceStatsAccess.counters(s.name(), counters);
            assertThat(c.in()).as(s.name()).isEqualTo(c.out() + c.deadLetters() + c.duplicates() + c.skipped());
            assertThat(c.inFlight()).isZero();
        }
        assertThat(fx.counter("nginx", Counter.IN, null)).isEqualTo(3);
        assertThat(fx.counter("events", Counter.DEAD_LETTER, "INVALID_ENCODING")).isEqualTo(1);
        assertThat(fx.counter("alb", Counter.DEAD_LETTER, "MISSING_FIELD")).isEqualTo(1);
        assertThat(fx.events()).hasSize(4);
        assertThat(fx.deadLetters()).hasSize(3);
    }
}
