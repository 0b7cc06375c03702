package dev.vigil.aggregator.api;

import static dev.vigil.aggregator.TestEvents.event;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.DeadLetterReason;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.quarkus.InjectKafka;
import dev.vigil.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The REST API of one instance over a real in-process Kafka (one partition, so that one stream
 * time governs every window): values, ordering, problem+json errors, the sli-1m output, dead
 * letters and the late-event metric.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = {
        @ResourceArg(name = "topics", value = "request-events,sli-1m,ingest-dlq"), @ResourceArg(name = "partitions", value = "1")})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SliResourceTest {

    private static final VigilSerdes SERDES = VigilSerdes.embedded();

    @InjectKafka
    KafkaTestCluster kafka;

    /** Ten minutes ago, on a minute boundary: checkout and search send in minutes 0 to 4, a heartbeat at minute 9. */
    private final long base = TimeBuckets.floor(System.currentTimeMillis() - Duration.ofMinutes(10).toMillis(), TimeBuckets.MINUTE_MS);
    private final List<RequestEvent> sent = new ArrayList<>();

    /** Once per class (the instance lives for the class); in @BeforeEach because REST Assured learns the port only then. */
    @BeforeEach
    void produceOnce() {
        if (!sent.isEmpty()) {
            return;
        }
        for (int minute = 0; minute < 5; minute++) {
            for (int i = 0; i < 20; i++) {
                Instant t = Instant.ofEpochMilli(base + minute * TimeBuckets.MINUTE_MS + i * 2_000L);
                // checkout: GET /carts/{id} always fine; POST /pay fails every other time; some 404s.
                sent.add(event("checkout", "GET /carts/{id}", "eu-west-1", t, i % 10 == 0 ? 404 : 200, 20.0 + i));
                sent.add(event("checkout", "POST /pay", "us-east-1", t, i % 2 == 0 ? 503 : 201, 100.0 + i));
                // search: never fails, slow.
                sent.add(event("search", "GET /search", null, t, 200, 900.0 + i));
            }
        }
        sent.add(event("heartbeat", "GET /ping", null, Instant.ofEpochMilli(base + 9 * TimeBuckets.MINUTE_MS), 200, 1.0));
        try (KafkaProducer<String, RequestEvent> producer = kafka.producer(new StringSerializer(), SERDES.serde(RequestEvent.class).serializer())) {
            for (RequestEvent e : sent) {
                producer.send(new ProducerRecord<>("request-events", e.getService(), e));
            }
            producer.flush();
        }
        await("all events aggregated", () -> given().get("/api/v1/services/heartbeat/sli").statusCode() == 200
                && sliRange("checkout", 0, 10).getLong("summary.total") == 200);
    }

    private Response sli(String service, int fromMinute, int toMinute, String step) {
        return given().queryParam("from", Instant.ofEpochMilli(base + fromMinute * TimeBuckets.MINUTE_MS).toString())
                .queryParam("to", String.valueOf(base + toMinute * TimeBuckets.MINUTE_MS))
                .queryParam("step", step).get("/api/v1/services/" + service + "/sli");
    }

    private JsonPath sliRange(String service, int fromMinute, int toMinute) {
        Response r = sli(service, fromMinute, toMinute, "1m");
        return r.statusCode() == 200 ? r.jsonPath() : JsonPath.from("{\"summary\":{\"total\":-1}}");
    }

    @Test
    void answersATimeSeriesWithAWholeRangeSummary() {
        Response r = sli("checkout", 0, 10, "1m");
        r.then().statusCode(200).contentType(startsWith("application/json")).header("X-Vigil-Served-By", "local")
                .body("service", equalTo("checkout"))
                .body("resolution", equalTo("minute"))
                .body("step", equalTo("1m"))
                .body("from", equalTo(Instant.ofEpochMilli(base).toString()))
                .body("points.size()", equalTo(10))
                .body("summary.total", equalTo(200))
                .body("summary.availabilityErrors", equalTo(50))
                .body("summary.clientErrors", equalTo(10))
                .body("points[0].total", equalTo(40))
                .body("points[0].availabilityErrors", equalTo(10))
                .body("points[0].start", equalTo(Instant.ofEpochMilli(base).toString()))
                .body("points[0].end", equalTo(Instant.ofEpochMilli(base + TimeBuckets.MINUTE_MS).toString()))
                .body("points[7].total", equalTo(0));
        JsonPath json = r.jsonPath();
        assertThat(json.getDouble("summary.availability")).isEqualTo(0.75);
        assertThat(json.getDouble("summary.errorRatio")).isEqualTo(0.25);
        // Latencies 20..39 and 100..119 ms, half and half: p50 is the top of the first half, p99 near 119.
        assertThat(json.getDouble("summary.p50Ms")).isCloseTo(39.0, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(json.getDouble("summary.p99Ms")).isCloseTo(119.0, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat((Object) json.get("points[7].availability")).isNull();

        sli("checkout", 0, 10, "5m").then().statusCode(200).body("points.size()", equalTo(2)).body("points[0].total", equalTo(200))
                .body("points[1].total", equalTo(0));
    }

    @Test
    void breaksAServiceDownByEndpointAndRegionWorstFirst() {
        String from = String.valueOf(base);
        String to = String.valueOf(base + 10 * TimeBuckets.MINUTE_MS);
        given().queryParam("from", from).queryParam("to", to).get("/api/v1/services/checkout/endpoints").then().statusCode(200)
                .body("service", equalTo("checkout"))
                .body("resolution", equalTo("minute"))
                .body("endpoints.endpoint", org.hamcrest.Matchers.contains("POST /pay", "GET /carts/{id}"))
                .body("endpoints[0].total", equalTo(100))
                .body("endpoints[0].availabilityErrors", equalTo(50))
                .body("endpoints[1].clientErrors", equalTo(10))
                .body("endpoints[1].availabilityErrors", equalTo(0));
        given().queryParam("from", from).queryParam("to", to).get("/api/v1/services/checkout/regions").then().statusCode(200)
                .body("regions.region", org.hamcrest.Matchers.contains("us-east-1", "eu-west-1"))
                .body("regions[0].total", equalTo(100));
    }

    @Test
    void listsServicesAndTheWorstOnes() {
        given().get("/api/v1/services?hours=1").then().statusCode(200)
                .body("service", org.hamcrest.Matchers.contains("checkout", "heartbeat", "search"))
                .body("find { it.service == 'checkout' }.total", equalTo(200))
                .body("find { it.service == 'checkout' }.errorRatio", equalTo(0.25f))
                .body("find { it.service == 'search' }.availability", equalTo(1.0f))
                .body("find { it.service == 'heartbeat' }.lastSeen", equalTo(Instant.ofEpochMilli(base + 9 * TimeBuckets.MINUTE_MS).toString()));
        String range = "&from=" + base + "&to=" + (base + 10 * TimeBuckets.MINUTE_MS);
        given().get("/api/v1/top?by=error_ratio&limit=1" + range).then().statusCode(200)
                .body("service", org.hamcrest.Matchers.contains("checkout"));
        given().get("/api/v1/top?by=p99&limit=2" + range).then().statusCode(200)
                .body("service", org.hamcrest.Matchers.contains("search", "checkout"));
        // Now (the last 5 minutes) only the heartbeat is left, or nothing at all.
        List<String> now = given().get("/api/v1/top").then().statusCode(200).extract().jsonPath().getList("service");
        assertThat(now).isSubsetOf("heartbeat");
    }

    @Test
    void badParametersAre400ProblemDetails() {
        for (String path : List.of("/api/v1/services/checkout/sli?step=abc", "/api/v1/services/checkout/sli?step=30s",
                "/api/v1/services/checkout/sli?from=2026-03-01T10:00:00Z&to=2026-03-01T09:00:00Z",
                "/api/v1/services/checkout/sli?from=2020-01-01T00:00:00Z", "/api/v1/services/checkout/endpoints?from=yesterday",
                "/api/v1/services?hours=0", "/api/v1/services?hours=many", "/api/v1/top?by=latency", "/api/v1/top?limit=0",
                "/api/v1/top?window=1y")) {
            given().get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("title", equalTo("Bad Request")).body("detail", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void unknownServicesAre404ProblemDetails() {
        given().get("/api/v1/services/nope/sli").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("nope"));
        given().get("/api/v1/services/nope/endpoints").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void publishesWindowUpdatesAndFinalWindowsOnTheSliTopic() {
        long closedEnd = base + 5 * TimeBuckets.MINUTE_MS;
        List<ConsumerRecord<String, SliWindow>> records = kafka.consumeUntil("sli-1m", SERDES.serde(SliWindow.class).deserializer(),
                Duration.ofSeconds(60), rs -> rs.stream().filter(r -> r.value().getFinal$() && r.value().getScope() == SliScope.SERVICE
                        && r.value().getService().equals("checkout")).count() == 5);
        List<SliWindow> finals = records.stream().map(ConsumerRecord::value)
                .filter(w -> w.getFinal$() && w.getScope() == SliScope.SERVICE && w.getService().equals("checkout")).toList();
        assertThat(finals).hasSize(5).allSatisfy(w -> {
            assertThat(w.getTotal()).isEqualTo(40);
            assertThat(w.getAvailabilityErrors()).isEqualTo(10);
            assertThat(w.getWindowEnd().toEpochMilli()).isLessThanOrEqualTo(closedEnd);
        });
        assertThat(records).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getService()));
        assertThat(records).extracting(r -> r.value().getScope()).contains(SliScope.ENDPOINT, SliScope.REGION);
    }

    @Test
    void lateEventsAreCountedAndBadRecordsDeadLettered() {
        RequestEvent late = event("checkout", "GET /carts/{id}", null, Instant.ofEpochMilli(base + 10_000), 200, 5.0);
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            byte[] lateBytes = SERDES.serde(RequestEvent.class).serializer().serialize("request-events", late);
            producer.send(new ProducerRecord<>("request-events", "checkout", lateBytes));
            producer.send(new ProducerRecord<>("request-events", "other", lateBytes));
            producer.send(new ProducerRecord<>("request-events", "checkout", "not avro".getBytes(StandardCharsets.UTF_8)));
            producer.flush();
        }
        await("late event counted", () -> metric("vigil_aggregator_late_events_total") >= 1.0);
        List<ConsumerRecord<String, DeadLetter>> letters = kafka.consumeUntil("ingest-dlq", SERDES.serde(DeadLetter.class).deserializer(),
                Duration.ofSeconds(30), rs -> rs.size() >= 2);
        assertThat(letters).extracting(r -> r.value().getReason())
                .containsExactlyInAnyOrder(DeadLetterReason.INVALID_VALUE, DeadLetterReason.UNDECODABLE);
        assertThat(letters).allSatisfy(r -> assertThat(r.value().getApp()).isEqualTo("sli-aggregator"));
        // Neither the late event nor the bad ones changed the numbers.
        assertThat(sliRange("checkout", 0, 10).getLong("summary.total")).isEqualTo(200);
        assertThat(metric("vigil_aggregator_dead_letters_total{reason=\"INVALID_VALUE\"}")).isEqualTo(1.0);
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("vigil_aggregator_windows_published_total"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/services/{service}/sli"));
    }

    /** The value of one series of /q/metrics, named with its labels as Prometheus prints them; 0 when absent. */
    private static double metric(String series) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).orElse(0.0);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
