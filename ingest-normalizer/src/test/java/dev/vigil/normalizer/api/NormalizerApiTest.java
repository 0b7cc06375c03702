package dev.vigil.normalizer.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.normalizer.Samples;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.quarkus.InjectKafka;
import dev.vigil.testkit.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The REST API of the running app against a real in-process broker. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = "topics",
        value = "raw.nginx,raw.apache,raw.envoy,raw.alb,raw.otlp,raw.events,request-events,ingest-dlq"))
class NormalizerApiTest {

    @InjectKafka
    KafkaTestCluster kafka;

    private final Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(5);

    @Test
    void sourcesListTheBuiltInSourcesAndCountWhatFlowsThrough() throws InterruptedException {
        kafka.produceRaw("raw.nginx", List.of(Samples.bytes(Samples.nginxIngress(t, "api-1")), Samples.bytes(Samples.nginxIngress(t, "api-1")),
                Samples.bytes("garbage"), Samples.bytes(Samples.nginxTimed(t))));
        kafka.produceRaw("raw.otlp", List.of(Samples.otlp(t).toByteArray()));
        JsonPath sources = awaitSources(body -> body.getLong("find { it.name == 'nginx' }.counters.in") == 4
                && body.getLong("find { it.name == 'nginx' }.counters.inFlight") == 0
                && body.getLong("find { it.name == 'otlp' }.counters.in") == 5
                && body.getLong("find { it.name == 'otlp' }.counters.inFlight") == 0);
        assertThat(sources.getList("name")).containsExactly("nginx", "apache", "envoy", "alb", "otlp", "events");
        assertThat(sources.getString("find { it.name == 'alb' }.format")).isEqualTo("alb");
        assertThat(sources.getString("find { it.name == 'nginx' }.rules[0].field")).isEqualTo("ingress-service");
        assertThat(sources.getString("find { it.name == 'otlp' }.defaultService")).isNull();
        assertThat(sources.getLong("find { it.name == 'nginx' }.counters.records")).isEqualTo(4);
        assertThat(sources.getLong("find { it.name == 'nginx' }.counters.out")).isEqualTo(2);
        assertThat(sources.getLong("find { it.name == 'nginx' }.counters.duplicates")).isEqualTo(1);
        assertThat(sources.getLong("find { it.name == 'nginx' }.counters.deadLettersByReason.UNPARSEABLE")).isEqualTo(1);
        assertThat(sources.getLong("find { it.name == 'otlp' }.counters.out")).isEqualTo(3);
        assertThat(sources.getLong("find { it.name == 'otlp' }.counters.skipped")).isEqualTo(2);

        given().when().get("/api/v1/sources?scope=local").then().statusCode(200).body("name", hasItems("nginx", "otlp"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("vigil_normalizer_items_total{counter=\"in\",reason=\"\",source=\"nginx\"} 4.0");
        assertThat(metrics).contains("vigil_normalizer_items_total{counter=\"dead_letter\",reason=\"UNPARSEABLE\",source=\"nginx\"} 1.0");
    }

    @Test
    void badScopeIsAProblem() {
        given().when().get("/api/v1/sources?scope=everywhere").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400)).body("detail", containsString("scope"));
    }

    @Test
    void parseDryRunShowsEventsAndDeadLetterReasons() {
        String body = Samples.nginxIngress(t, "dry-1") + "\n" + "nonsense line\n" + Samples.nginxCombined(t.plus(Duration.ofDays(2)), "/x", 200);
        given().contentType("text/plain").body(body).when().post("/api/v1/parse?format=nginx").then().statusCode(200)
                .body("source", equalTo("nginx")).body("format", equalTo("nginx"))
                .body("events", equalTo(1)).body("deadLetters", equalTo(2))
                .body("items", hasSize(3))
                .body("items[0].result", equalTo("event"))
                .body("items[0].event.service", equalTo("user-profile"))
                .body("items[0].event.endpoint", equalTo("GET /api/v1/users/{id}/profile"))
                .body("items[0].event.outcome", equalTo("OK"))
                .body("items[0].event.timestamp", equalTo(t.truncatedTo(ChronoUnit.SECONDS).toString()))
                .body("items[1].result", equalTo("dead_letter")).body("items[1].reason", equalTo("UNPARSEABLE"))
                .body("items[2].reason", equalTo("FUTURE_TIMESTAMP"));
    }

    @Test
    void parseDryRunTakesProtobufForASource() {
        given().contentType("application/x-protobuf").body(Samples.otlp(t).toByteArray()).when().post("/api/v1/parse?source=otlp")
                .then().statusCode(200).body("format", equalTo("otlp_proto")).body("events", equalTo(3)).body("skipped", equalTo(2))
                .body("items.find { it.result == 'skipped' }.message", containsString("not SERVER"))
                .body("items.find { it.result == 'skipped' }.event", nullValue());
    }

    @Test
    void parseRejectsBadFormatsSourcesAndEmptyBodiesAsProblems() {
        given().contentType("text/plain").body("x").when().post("/api/v1/parse?format=syslog").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("known formats: nginx, apache"));
        given().contentType("text/plain").body("x").when().post("/api/v1/parse?source=nope").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("unknown source"));
        given().contentType("text/plain").body("x").when().post("/api/v1/parse").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("'format'"));
        given().contentType("text/plain").body("").when().post("/api/v1/parse?format=apache").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("empty"));
    }

    @Test
    void openApiDocumentsTheApi() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/parse'.post.summary", containsString("Normalize"))
                .body("paths.'/api/v1/sources'.get.summary", containsString("sources"));
    }

    private static JsonPath awaitSources(java.util.function.Predicate<JsonPath> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            last = given().when().get("/api/v1/sources");
            if (last.statusCode() == 200 && done.test(last.jsonPath())) {
                return last.jsonPath();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("sources never reached the expected counters; last answer "
                + (last == null ? "none" : last.statusCode() + " " + last.asString()));
    }
}
