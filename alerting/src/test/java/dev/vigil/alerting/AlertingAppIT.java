package dev.vigil.alerting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vigil.alerting.alertmanager.AlertmanagerProcess;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The built app (quarkus-run.jar) as a process on a real in-process Kafka with a real Alertmanager:
 * the REST API and its auth, the SLO files loaded at startup, alerts on the API and the alerts topic,
 * and the Alertmanager bridge (breach and resolution seen in Alertmanager with the same labels and
 * fingerprint; alerts fired while Alertmanager was down reach it once it is back). Two instances of the
 * app run (one standby replica), so every question to the first is also routed across instances; the
 * last test compares both instances' answers and kills one.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingAppIT {

    static final String TOKEN = "Bearer test-token";

    static KafkaTestCluster kafka;
    static AlertmanagerProcess alertmanager;
    /** The instance the REST tests talk to (it loads the example SLO files). */
    static AppProcess app;
    /** A second instance of the same application: it owns part of the services; {@link #app} proxies to it. */
    static AppProcess other;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "alerting-it-");
        kafka = KafkaTestCluster.start();
        kafka.createTopics(4, "sli-1m", "alerts", "ingest-dlq");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "slo-definitions");
        alertmanager = AlertmanagerProcess.start(Files.createDirectories(work.resolve("alertmanager")));
        Path jar = Path.of(System.getProperty("vigil.app.jar"));
        Map<String, String> a = props(ManagedProcess.freePort());
        a.put("vigil.slo.dir", Path.of(System.getProperty("vigil.repo.root", "..")).resolve("examples/slos").toString());
        Map<String, String> b = props(ManagedProcess.freePort());
        // Both start at once (each takes seconds on a busy machine).
        CompletableFuture<AppProcess> second = CompletableFuture.supplyAsync(() -> AppProcess.start("alerting-b", jar, work, b));
        try {
            app = AppProcess.start("alerting-a", jar, work, a);
        } finally {
            other = second.join();
        }
        app.awaitReady(Duration.ofSeconds(120));
        other.awaitReady(Duration.ofSeconds(120));
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = app.port();
    }

    static Map<String, String> props(int port) {
        Map<String, String> props = new HashMap<>();
        props.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        props.put("quarkus.http.port", String.valueOf(port));
        props.put("quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
        props.put("kafka-streams.num.standby.replicas", "1");
        // Notice a dead instance in seconds rather than the default 45.
        props.put("kafka-streams.session.timeout.ms", "6000");
        props.put("kafka-streams.heartbeat.interval.ms", "1000");
        props.put("vigil.api.token", "test-token");
        props.put("vigil.evaluation.interval", "1s");
        props.put("vigil.alertmanager.url", alertmanager.url());
        props.put("vigil.alertmanager.resend-interval", "2s");
        return props;
    }

    @AfterAll
    static void stop() {
        try {
            String log = app == null ? "" : app.log();
            String otherLog = other == null ? "" : other.log(1);
            // Both stop at once (each waits for Kafka Streams to close).
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
                if (other != null) {
                    other.close();
                }
            });
            try {
                if (app != null) {
                    app.close();
                }
            } finally {
                second.join();
            }
            assertThat(log).as("no stack trace in the first instance's log").doesNotContain("\tat ");
            // The second one's log up to its crash (once restarted after kill -9, Kafka Streams logs the standby
            // stores it must rebuild under exactly-once, with their stack trace, once).
            assertThat(otherLog).as("no stack trace in the second instance's log").doesNotContain("\tat ");
        } finally {
            if (alertmanager != null) {
                alertmanager.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            TempDirs.deleteQuietly(work);
        }
    }

    static final String SLO_JSON = """
            {"service": "api-orders", "sli": "availability", "target": 0.999, "labels": {"team": "orders"},
             "runbookUrl": "https://runbooks.example/orders"}
            """;

    @Test
    void mutationsNeedTheBearerToken() {
        given().contentType(ContentType.JSON).body(SLO_JSON).put("/api/v1/slos/auth-check")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
        given().header("Authorization", "Bearer nope").contentType(ContentType.JSON).body(SLO_JSON).put("/api/v1/slos/auth-check")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Basic dGVzdDp0ZXN0").delete("/api/v1/slos/auth-check").then().statusCode(401);
        given().urlEncodingEnabled(false).header("Authorization", "Bearer wrong").contentType("application/yaml").body(yaml("slos: []")).post("/api/v1/slos:validate")
                .then().statusCode(403);
        given().urlEncodingEnabled(false).contentType("application/yaml").body(yaml("slos: []")).post("/api/v1/slos:apply").then().statusCode(401);
        given().get("/api/v1/slos/auth-check").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void putGetReplaceDelete() {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(SLO_JSON).put("/api/v1/slos/orders-availability")
                .then().statusCode(201).body("id", equalTo("orders-availability")).body("target", equalTo(0.999f));
        given().get("/api/v1/slos/orders-availability").then().statusCode(200)
                .body("definition.service", equalTo("api-orders"))
                .body("origin", equalTo("api"))
                .body("errorBudget.allowedErrorRatio", equalTo(0.001f))
                .body("sli.total", equalTo(0))
                .body("burnRates.size()", equalTo(4))
                .body("burnRates[0].longWindow", equalTo("1h"))
                .body("timeToExhaustion.seconds", equalTo(null));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body(SLO_JSON.replace("0.999", "0.99"))
                .put("/api/v1/slos/orders-availability").then().statusCode(200);
        given().get("/api/v1/slos/orders-availability").then().body("definition.target", equalTo(0.99f));
        given().header("Authorization", TOKEN).delete("/api/v1/slos/orders-availability").then().statusCode(204);
        given().get("/api/v1/slos/orders-availability").then().statusCode(404);
        given().header("Authorization", TOKEN).delete("/api/v1/slos/orders-availability").then().statusCode(404);
    }

    @Test
    void invalidDefinitionsAre400WithTheExactProblem() {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body("{\"service\": \"s\", \"sli\": \"availability\", \"target\": 1.5}").put("/api/v1/slos/bad-target")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("request: target: must be between 0 and 1, exclusive (e.g. 0.999), got 1.5"));
        given().header("Authorization", TOKEN).contentType(ContentType.JSON).body("{not json").put("/api/v1/slos/bad-json")
                .then().statusCode(400).body("detail", containsString("not valid YAML/JSON"));
        given().urlEncodingEnabled(false).header("Authorization", TOKEN).contentType("application/yaml").body(yaml("""
                slos:
                  - {id: a, service: s, sli: latency, target: 0.99}
                  - {id: b, service: s, sli: availability, target: 0.99, period: 365d}
                """)).post("/api/v1/slos:validate").then().statusCode(400)
                .body("errors", hasItems("request: slos[0].latencyThresholdMs: required for a latency SLO",
                        "request: slos[1].period: a rolling period must be between 1d and 90d, got 365d"));
        given().urlEncodingEnabled(false).header("Authorization", TOKEN).contentType("application/yaml").body(yaml("slos:\n  - {id: ok, service: s, sli: availability, target: 0.9}\n"))
                .post("/api/v1/slos:validate").then().statusCode(200).body("valid", equalTo(true)).body("slos[0].id", equalTo("ok"));
        given().get("/api/v1/slos/ok").then().statusCode(404);
    }

    @Test
    void applyTakesVigilAndOpenSloFiles() {
        String file = """
                slos:
                  - {id: apply-a, service: api-apply, sli: availability, target: 0.995}
                ---
                apiVersion: openslo/v1
                kind: SLO
                metadata: {name: apply-b}
                spec:
                  indicator:
                    spec:
                      thresholdMetric:
                        metricSource: {type: Vigil, spec: {service: api-apply}}
                  objectives: [{op: lte, value: 250, target: 0.99}]
                """;
        given().urlEncodingEnabled(false).header("Authorization", TOKEN).contentType("application/yaml").body(yaml(file)).post("/api/v1/slos:apply")
                .then().statusCode(200).body("$", equalTo(List.of("apply-a", "apply-b")));
        given().queryParam("service", "api-apply").get("/api/v1/slos").then().statusCode(200)
                .body("id", equalTo(List.of("apply-a", "apply-b")))
                .body("[1].definition.latencyThresholdMs", equalTo(250.0f));
    }

    @Test
    void theExampleFilesAreLoadedAtStartup() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = given().get("/api/v1/slos");
        while (System.nanoTime() < deadline && !r.jsonPath().getList("id").contains("checkout-availability")) {
            sleep(250);
            r = given().get("/api/v1/slos");
        }
        r.then().statusCode(200).body("id", hasItems("checkout-availability", "checkout-latency", "auth-availability", "auth-latency",
                "payments-availability"));
        given().get("/api/v1/slos/checkout-availability").then().body("origin", equalTo("file:checkout.yaml"))
                .body("definition.runbookUrl", equalTo("https://runbooks.example/checkout#availability"));
    }

    @Test
    void anOutageFiresAlertsThatTheApiAndTheAlertsTopicShow() {
        given().header("Authorization", TOKEN).contentType(ContentType.JSON)
                .body(SLO_JSON.replace("api-orders", "api-outage")).put("/api/v1/slos/outage-availability").then().statusCode(201);
        // An hour of healthy traffic, then three minutes of total outage.
        SliTraffic.send(kafka, "api-outage", SliTraffic.minutesAgo(64), 1000,
                SliTraffic.concat(SliTraffic.repeat(60, 0), SliTraffic.repeat(3, 1000)));
        Response firing = awaitAlerts("firing", "api-outage", 4);
        firing.then().body("labels.alertname", hasItem("SLOBurnRate")).body("labels.slo", hasItem("outage-availability"))
                .body("labels.team", hasItem("orders")).body("annotations.runbook_url", hasItem("https://runbooks.example/orders"))
                .body("generatorURL", hasItem(containsString("/api/v1/slos/outage-availability")));

        given().get("/api/v1/slos/outage-availability").then().statusCode(200)
                .body("sli.total", equalTo(63_000)).body("errorBudget.consumedEvents", equalTo(3000))
                .body("burnRates.find { it.longWindow == '1h' }.conditionMet", equalTo(true))
                .body("alerts.size()", equalTo(firing.jsonPath().getList("fingerprint").size()))
                .body("timeToExhaustion.seconds", equalTo(0));

        List<ConsumerRecord<String, Alert>> onTopic = kafka.consumeUntil("alerts", VigilSerdes.embedded().serde(Alert.class).deserializer(),
                Duration.ofSeconds(30), l -> l.stream().filter(c -> c.value().getService().equals("api-outage")).count() >= 4);
        List<ConsumerRecord<String, Alert>> mine = onTopic.stream().filter(c -> c.value().getService().equals("api-outage")).toList();
        assertThat(mine).allSatisfy(c -> {
            assertThat(c.value().getStatus()).isEqualTo(AlertStatus.FIRING);
            assertThat(c.key()).isEqualTo(c.value().getFingerprint());
        });
        assertThat(mine.stream().map(ConsumerRecord::key)).containsExactlyInAnyOrderElementsOf(firing.jsonPath().getList("fingerprint"));

        // The instance that owns the service counted the transitions.
        assertThat(app.get("/q/metrics").body() + other.get("/q/metrics").body()).contains("vigil_alerting_transitions_total");
    }

    @Test
    void badQueryParametersAre400() {
        given().queryParam("state", "bogus").get("/api/v1/alerts").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("state: must be firing or resolved, got 'bogus'"));
        given().queryParam("limit", "0").get("/api/v1/alerts").then().statusCode(400);
        given().queryParam("limit", "abc").get("/api/v1/alerts").then().statusCode(400);
        given().get("/api/v1/alerts").then().statusCode(200);
        given().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }


    static void define(String id, String service) {
        given().header("Authorization", "Bearer test-token").contentType(ContentType.JSON)
                .body("{\"service\": \"" + service + "\", \"sli\": \"availability\", \"target\": 0.999, \"labels\": {\"team\": \"bridge\"},"
                        + " \"rules\": [{\"severity\": \"page\", \"burnRate\": 14.4, \"longWindow\": \"1h\", \"shortWindow\": \"5m\"}]}")
                .put("/api/v1/slos/" + id).then().statusCode(201);
    }

    /** Vigil's firing alert of {@code slo}, from its API. */
    static Map<String, Object> vigilAlert(String slo) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> alerts = given().queryParam("state", "firing").get("/api/v1/alerts").jsonPath().getList("$");
            for (Map<String, Object> a : alerts) {
                if (slo.equals(((Map<?, ?>) a.get("labels")).get("slo"))) {
                    return a;
                }
            }
            sleep(250);
        }
        throw new AssertionError("no firing alert for " + slo);
    }

    static JsonNode awaitInAlertmanager(Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode alerts = alertmanager.alerts();
        while (System.nanoTime() < deadline && !condition.test(alerts)) {
            sleep(250);
            alerts = alertmanager.alerts();
        }
        assertThat(condition.test(alerts)).as("%s; Alertmanager has %s", what, alerts).isTrue();
        return alerts;
    }

    static JsonNode find(JsonNode alerts, String fingerprint) {
        for (JsonNode a : alerts) {
            if (fingerprint.equals(a.path("fingerprint").asText())) {
                return a;
            }
        }
        return null;
    }

    static boolean activeIn(JsonNode alerts, String fingerprint) {
        JsonNode a = find(alerts, fingerprint);
        return a != null && Instant.parse(a.path("endsAt").asText()).isAfter(Instant.now());
    }

    @Test
    void aBreachAppearsInAlertmanagerWithTheSameLabelsAndFingerprintAndItsResolutionEndsIt() {
        define("bridge-availability", "bridge-svc");
        Instant first = SliTraffic.minutesAgo(72);
        SliTraffic.send(kafka, "bridge-svc", first, 1000, SliTraffic.concat(SliTraffic.repeat(60, 0), SliTraffic.repeat(3, 1000)));
        Map<String, Object> vigil = vigilAlert("bridge-availability");
        String fp = (String) vigil.get("fingerprint");

        JsonNode alerts = awaitInAlertmanager(a -> activeIn(a, fp), "the alert is active in Alertmanager");
        JsonNode am = find(alerts, fp);
        Map<String, String> amLabels = new HashMap<>();
        am.path("labels").fields().forEachRemaining(e -> amLabels.put(e.getKey(), e.getValue().asText()));
        assertThat(amLabels).isEqualTo(vigil.get("labels"));
        assertThat(am.path("annotations").path("summary").asText()).isEqualTo(((Map<?, ?>) vigil.get("annotations")).get("summary"));
        assertThat(am.path("generatorURL").asText()).endsWith("/api/v1/slos/bridge-availability");
        assertThat(am.path("status").path("state").asText()).isEqualTo("active");

        // Healthy minutes push the outage out of the 5-minute window: the alert resolves.
        SliTraffic.send(kafka, "bridge-svc", first.plus(Duration.ofMinutes(63)), 1000, SliTraffic.repeat(7, 0));
        awaitInAlertmanager(a -> !activeIn(a, fp), "the resolution ends the alert in Alertmanager");
        given().queryParam("state", "resolved").queryParam("service", "bridge-svc").get("/api/v1/alerts").then().statusCode(200);
        JsonPath resolved = given().queryParam("state", "resolved").queryParam("service", "bridge-svc").get("/api/v1/alerts").jsonPath();
        assertThat(resolved.getList("fingerprint")).contains(fp);
    }

    @Test
    void alertsFiredWhileAlertmanagerWasDownReachItWhenItIsBack() {
        define("bridge-outage", "bridge-down");
        alertmanager.stop();
        try {
            SliTraffic.send(kafka, "bridge-down", SliTraffic.minutesAgo(70), 1000,
                    SliTraffic.concat(SliTraffic.repeat(60, 0), SliTraffic.repeat(3, 1000)));
            String fp = (String) vigilAlert("bridge-outage").get("fingerprint");
            sleep(3_000);
            assertThat(fp).isNotBlank();
            alertmanager.start();
            awaitInAlertmanager(a -> activeIn(a, fp), "the alert fired while Alertmanager was down reaches it once it is back");
        } finally {
            if (!isUp()) {
                alertmanager.start();
            }
        }
    }

    static boolean isUp() {
        try {
            alertmanager.alerts();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    static final int PAIR_SERVICES = 6;

    /**
     * Two instances, one standby replica: the same question to either instance gets the identical
     * answer; one dies (kill -9) and the other answers everything within 30 s, from its standbys
     * (marked stale, with the lag) while the group has not noticed, then as the active owner; the
     * dead one comes back and the answers are identical again. Last: it kills and restarts an instance.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void eitherInstanceAnswersIdenticallyAndTheSurvivorAnswersEverything() throws Exception {
        List<String> questions = new java.util.ArrayList<>(List.of("/api/v1/slos", "/api/v1/alerts?limit=1000", "/api/v1/alerts?state=firing"));
        for (int i = 0; i < PAIR_SERVICES; i++) {
            define("pair-" + i, "pair-svc-" + i);
            questions.add("/api/v1/slos/pair-" + i);
            questions.add("/api/v1/alerts?service=pair-svc-" + i);
        }
        for (int i = 0; i < PAIR_SERVICES; i++) {
            // Half the services have an outage (their alert fires), half are healthy.
            SliTraffic.send(kafka, "pair-svc-" + i, SliTraffic.minutesAgo(64), 1000,
                    SliTraffic.concat(SliTraffic.repeat(60, 0), SliTraffic.repeat(3, i % 2 == 0 ? 1000 : 0)));
        }
        await(Duration.ofSeconds(60), "both instances see every pair service's data and alerts", () -> {
            for (AppProcess p : List.of(app, other)) {
                JsonNode slos = json(p.get("/api/v1/slos"));
                for (int i = 0; i < PAIR_SERVICES; i++) {
                    JsonNode slo = slo(slos, "pair-" + i);
                    if (slo == null || slo.path("sli").path("total").asLong() != 63_000
                            || slo.path("alerts").size() != (i % 2 == 0 ? 1 : 0)) {
                        return false;
                    }
                }
            }
            return true;
        });

        Map<String, JsonNode> before = sameAnswers(questions);
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (int i = 0; i < PAIR_SERVICES; i++) {
            owners.add(app.get("/api/v1/slos/pair-" + i).headers().firstValue("X-Vigil-Served-By").orElseThrow());
        }
        assertThat(owners).as("both instances own some of the services").containsExactlyInAnyOrder(self(app), self(other));
        java.util.Set<String> fingerprints = fingerprints(before.get("/api/v1/alerts?limit=1000"));

        // The second instance dies. Within 30 s the first answers everything: from its standbys while the group has not
        // noticed (marked stale, with the lag), then as the owner of every partition.
        other.kill();
        long killedAt = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger stale = new java.util.concurrent.atomic.AtomicInteger();
        await(Duration.ofSeconds(30), "the survivor answers every question", () -> {
            for (String q : questions) {
                java.net.http.HttpResponse<String> r = app.get(q);
                if (r.statusCode() != 200) {
                    assertThat(r.statusCode()).as(q).isEqualTo(503);
                    assertThat(r.headers().firstValue("Retry-After")).as(q).isPresent();
                    return false;
                }
                r.headers().firstValue("X-Vigil-Stale").ifPresent(h -> {
                    assertThat(h).matches("standby; lag=\\d+");
                    stale.incrementAndGet();
                });
                sameFacts(q, before.get(q), json(r), fingerprints);
            }
            return true;
        });
        assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(30));
        assertThat(stale.get()).as("answers from the standbys while the owner was unreachable").isPositive();
        await(Duration.ofSeconds(60), "the survivor answers as the owner of everything", () -> questions.stream().allMatch(q -> {
            java.net.http.HttpResponse<String> r = app.get(q);
            return r.statusCode() == 200 && r.headers().firstValue("X-Vigil-Stale").isEmpty()
                    && r.headers().firstValue("X-Vigil-Served-By").orElse("").equals(self(app));
        }));
        for (String q : questions) {
            sameFacts(q, before.get(q), json(app.get(q)), fingerprints);
        }

        // Back again: both answer, identically.
        other.start();
        other.awaitReady(Duration.ofSeconds(120));
        await(Duration.ofSeconds(90), "both instances answer again", () -> questions.stream()
                .allMatch(q -> app.get(q).statusCode() == 200 && other.get(q).statusCode() == 200));
        Map<String, JsonNode> after = sameAnswers(questions);
        for (String q : questions) {
            sameFacts(q, before.get(q), after.get(q), fingerprints);
        }
    }

    static String self(AppProcess p) {
        return "127.0.0.1:" + p.port();
    }

    /**
     * Asks both instances every question and expects identical answers, except the moment of the
     * question (evaluatedAt, the rolling period's ends, the exhaustion instant). Asked again when
     * they differ, since a minute boundary between the two requests moves the windows.
     */
    static Map<String, JsonNode> sameAnswers(List<String> questions) throws Exception {
        Map<String, JsonNode> answers = new HashMap<>();
        for (String q : questions) {
            JsonNode fromA = null;
            JsonNode fromB = null;
            for (int attempt = 0; attempt < 10 && (fromA == null || !fromA.equals(fromB)); attempt++) {
                if (attempt > 0) {
                    sleep(300);
                }
                fromA = withoutMoment(json(app.get(q)));
                fromB = withoutMoment(json(other.get(q)));
            }
            assertThat(fromB).as("the same answer from both instances to %s", q).isEqualTo(fromA);
            answers.put(q, fromA);
        }
        return answers;
    }

    /** What cannot change while no new data arrives: the SLOs and their counts over the period, and every alert seen. */
    static void sameFacts(String question, JsonNode before, JsonNode now, java.util.Set<String> fingerprints) {
        if (question.startsWith("/api/v1/alerts")) {
            if (!question.contains("state=firing")) {
                assertThat(fingerprints(now)).as(question).containsAll(fingerprints(before));
            }
            return;
        }
        JsonNode b = before.isArray() ? before : JSON.createArrayNode().add(before);
        JsonNode n = now.isArray() ? now : JSON.createArrayNode().add(now);
        assertThat(n.size()).as(question).isEqualTo(b.size());
        for (int i = 0; i < b.size(); i++) {
            assertThat(n.get(i).path("id")).as(question).isEqualTo(b.get(i).path("id"));
            assertThat(n.get(i).path("definition")).as(question).isEqualTo(b.get(i).path("definition"));
            assertThat(n.get(i).path("sli")).as(question).isEqualTo(b.get(i).path("sli"));
            assertThat(n.get(i).path("errorBudget").path("consumedEvents")).as(question)
                    .isEqualTo(b.get(i).path("errorBudget").path("consumedEvents"));
        }
    }

    static java.util.Set<String> fingerprints(JsonNode alerts) {
        java.util.Set<String> out = new java.util.HashSet<>();
        alerts.forEach(a -> out.add(a.path("fingerprint").asText() + "/" + a.path("status").asText() + "/" + a.path("emittedAt").asText()));
        return out;
    }

    static JsonNode withoutMoment(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        for (JsonNode slo : copy.isArray() ? copy : JSON.createArrayNode().add(copy)) {
            if (slo instanceof com.fasterxml.jackson.databind.node.ObjectNode o && o.has("evaluatedAt")) {
                o.remove(List.of("evaluatedAt", "period"));
                if (o.path("timeToExhaustion") instanceof com.fasterxml.jackson.databind.node.ObjectNode t) {
                    t.remove("at");
                }
            }
        }
        return copy;
    }

    static JsonNode json(java.net.http.HttpResponse<String> r) {
        try {
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    static JsonNode slo(JsonNode slos, String id) {
        if (slos == null) {
            return null;
        }
        for (JsonNode s : slos) {
            if (id.equals(s.path("id").asText())) {
                return s;
            }
        }
        return null;
    }

    static void await(Duration timeout, String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            sleep(250);
        }
    }

    /** YAML bodies go as bytes: RestAssured has no encoder for application/yaml. */
    static byte[] yaml(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static Response awaitAlerts(String state, String service, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Response r = given().queryParams(Map.of("state", state, "service", service)).get("/api/v1/alerts");
        while (System.nanoTime() < deadline && r.jsonPath().getList("fingerprint").size() < atLeast) {
            sleep(250);
            r = given().queryParams(Map.of("state", state, "service", service)).get("/api/v1/alerts");
        }
        assertThat(r.jsonPath().getList("fingerprint")).as("%s alerts of %s", state, service).hasSizeGreaterThanOrEqualTo(atLeast);
        return r;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
