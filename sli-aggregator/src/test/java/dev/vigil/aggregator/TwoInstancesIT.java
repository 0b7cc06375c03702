package dev.vigil.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/**
 * Two instances of the built app on one real in-process cluster, each with its own port, state
 * and application.server, one standby replica: the same question to either instance gets the
 * identical answer for every service (one of them proxies to the owner). Then one instance dies
 * (kill -9): the other answers from its standby, marked stale, until the rebalance, and then
 * answers everything itself, with the same numbers; and every window gets exactly one final record
 * on sli-1m, with exactly its events, across the crash (exactly-once).
 */
class TwoInstancesIT {

    private static final int SERVICES = 24;
    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    @Test
    void eitherInstanceAnswersEveryServiceIdenticallyAndTheSurvivorAnswersEverything() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "two-instances-");
        Path jar = Path.of(System.getProperty("vigil.app.jar"));
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(4, "request-events", "sli-1m", "ingest-dlq");
            int portA = ManagedProcess.freePort();
            int portB = ManagedProcess.freePort();
            try (AppProcess a = AppProcess.start("sli-a", jar, work, props(kafka, portA));
                    AppProcess b = AppProcess.start("sli-b", jar, work, props(kafka, portB))) {
                a.awaitReady(WAIT);
                b.awaitReady(WAIT);

                long base = TimeBuckets.floor(System.currentTimeMillis(), TimeBuckets.MINUTE_MS) - Duration.ofMinutes(8).toMillis();
                Map<String, Long> perServiceMinute = new HashMap<>();
                Map<String, Long> expected = produce(kafka, base, perServiceMinute);
                String range = "from=" + base + "&to=" + (base + Duration.ofMinutes(10).toMillis());

                await("both instances answer every service with every event", () -> expected.entrySet().stream()
                        .allMatch(e -> total(a, e.getKey(), range) == e.getValue() && total(b, e.getKey(), range) == e.getValue()));

                Map<String, String> answers = new TreeMap<>();
                Map<String, String> ownerOf = new HashMap<>();
                for (String service : expected.keySet()) {
                    for (String question : questions(service, range)) {
                        HttpResponse<String> fromA = a.get(question);
                        HttpResponse<String> fromB = b.get(question);
                        assertThat(fromA.statusCode()).as(question).isEqualTo(200);
                        assertThat(fromB.statusCode()).as(question).isEqualTo(200);
                        assertThat(fromB.body()).as("same answer from both instances to %s", question).isEqualTo(fromA.body());
                        assertThat(header(fromA, "X-Vigil-Stale")).isNull();
                        // The owner answered both, one of them through the other instance.
                        assertThat(header(fromB, "X-Vigil-Served-By")).isEqualTo(header(fromA, "X-Vigil-Served-By"));
                        answers.put(question, fromA.body());
                        ownerOf.put(service, header(fromA, "X-Vigil-Served-By"));
                    }
                }
                assertThat(new HashSet<>(ownerOf.values())).as("both instances own services")
                        .containsExactlyInAnyOrder("127.0.0.1:" + portA, "127.0.0.1:" + portB);
                for (String all : List.of("/api/v1/services?" + range, "/api/v1/top?by=error_ratio&limit=5&" + range,
                        "/api/v1/top?by=p99&limit=50&" + range)) {
                    HttpResponse<String> fromA = a.get(all);
                    assertThat(fromA.statusCode()).as(all).isEqualTo(200);
                    assertThat(b.get(all).body()).as("same answer from both instances to %s", all).isEqualTo(fromA.body());
                    answers.put(all, fromA.body());
                }
                assertThat(answers.get("/api/v1/services?" + range)).contains(expected.keySet().toArray(String[]::new));

                // B dies. Until the group notices, A answers B's services from its standby, marked stale (or 503).
                b.kill();
                String bName = "127.0.0.1:" + portB;
                int stale = 0;
                for (Map.Entry<String, String> owned : ownerOf.entrySet()) {
                    if (!owned.getValue().equals(bName)) {
                        continue;
                    }
                    String question = "/api/v1/services/" + owned.getKey() + "/sli?step=1m&" + range;
                    HttpResponse<String> r = a.get(question);
                    if (r.statusCode() == 200) {
                        assertThat(r.body()).isEqualTo(answers.get(question));
                        if (header(r, "X-Vigil-Stale") != null) {
                            assertThat(header(r, "X-Vigil-Stale")).startsWith("standby; lag=");
                            stale++;
                        }
                    } else {
                        assertThat(r.statusCode()).isEqualTo(503);
                        assertThat(header(r, "Retry-After")).isNotNull();
                        assertThat(header(r, "Content-Type")).startsWith("application/problem+json");
                    }
                }
                assertThat(stale).as("answers from the standby while the owner is gone").isPositive();
                // The all-services questions too: B's part comes from A's standbys, the same services and counts, marked stale.
                for (String all : List.of("/api/v1/services?" + range, "/api/v1/top?by=error_ratio&limit=5&" + range)) {
                    HttpResponse<String> r = a.get(all);
                    assertThat(r.statusCode()).as(all).isEqualTo(200);
                    assertThat(r.body()).as(all).isEqualTo(answers.get(all));
                    // Not stale only if the group already moved B's tasks to A.
                    String staleHeader = header(r, "X-Vigil-Stale");
                    assertThat(staleHeader == null || staleHeader.startsWith("standby; lag=")).as(staleHeader).isTrue();
                }

                // After the rebalance A owns everything and answers every question as before, not stale.
                await("the survivor answers everything", () -> answers.entrySet().stream().allMatch(e -> {
                    HttpResponse<String> r = a.get(e.getKey());
                    return r.statusCode() == 200 && header(r, "X-Vigil-Stale") == null && e.getValue().equals(r.body())
                            && ("127.0.0.1:" + portA).equals(header(r, "X-Vigil-Served-By"));
                }));

                // Stream time moves on (an event per service, 3 minutes ahead): every window of the test closes. Across the
                // crash and the move of B's tasks, each got exactly one final record, with exactly its events.
                long later = TimeBuckets.floor(System.currentTimeMillis(), TimeBuckets.MINUTE_MS) + Duration.ofMinutes(3).toMillis();
                try (KafkaProducer<String, RequestEvent> producer = kafka.producer(new StringSerializer(),
                        VigilSerdes.embedded().serde(RequestEvent.class).serializer())) {
                    expected.keySet().forEach(service -> producer.send(new ProducerRecord<>("request-events", service,
                            TestEvents.event(service, Instant.ofEpochMilli(later), 200, 1.0))));
                    producer.flush();
                }
                Map<String, Long> perWindow = perServiceMinute;
                List<ConsumerRecord<String, SliWindow>> published = kafka.consumeUntil("sli-1m", VigilSerdes.embedded().serde(SliWindow.class)
                        .deserializer(), WAIT, rs -> finals(rs).keySet().containsAll(perWindow.keySet()));
                Map<String, List<Long>> finals = finals(published);
                assertThat(finals.keySet()).containsAll(perWindow.keySet());
                perWindow.forEach((window, count) -> assertThat(finals.get(window)).as("final records of %s", window).containsExactly(count));
                assertThat(a.log()).doesNotContain("\tat ");
            }
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    private static Map<String, String> props(KafkaTestCluster kafka, int port) {
        Map<String, String> p = new HashMap<>();
        p.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        p.put("quarkus.http.port", String.valueOf(port));
        p.put("quarkus.kafka-streams.application-server", "127.0.0.1:" + port);
        p.put("kafka-streams.num.standby.replicas", "1");
        // Notice a dead instance in seconds rather than the default 45.
        p.put("kafka-streams.session.timeout.ms", "8000");
        p.put("kafka-streams.heartbeat.interval.ms", "1000");
        return p;
    }

    private static List<String> questions(String service, String range) {
        return List.of("/api/v1/services/" + service + "/sli?step=1m&" + range, "/api/v1/services/" + service + "/sli?step=5m&" + range,
                "/api/v1/services/" + service + "/endpoints?" + range, "/api/v1/services/" + service + "/regions?" + range);
    }

    /** A few requests per service over seven minutes; returns how many each service got (and each service-minute). */
    private static Map<String, Long> produce(KafkaTestCluster kafka, long base, Map<String, Long> perServiceMinute) {
        Random r = new Random(99);
        Map<String, Long> counts = new TreeMap<>();
        List<RequestEvent> events = new ArrayList<>();
        for (int i = 0; i < SERVICES * 40; i++) {
            String service = String.format("svc-%02d", i % SERVICES);
            int status = r.nextInt(20) == 0 ? 503 : r.nextInt(20) == 0 ? 404 : 200;
            Instant at = Instant.ofEpochMilli(base + (long) i * Duration.ofMinutes(7).toMillis() / (SERVICES * 40));
            events.add(TestEvents.event(service, r.nextBoolean() ? "GET /a/{id}" : "POST /b", r.nextBoolean() ? "eu-west-1" : "us-east-1",
                    at, status, 5 + r.nextDouble() * 200));
            counts.merge(service, 1L, Long::sum);
            perServiceMinute.merge(service + "@" + TimeBuckets.floor(at.toEpochMilli(), TimeBuckets.MINUTE_MS), 1L, Long::sum);
        }
        try (KafkaProducer<String, RequestEvent> producer = kafka.producer(new StringSerializer(),
                VigilSerdes.embedded().serde(RequestEvent.class).serializer())) {
            events.forEach(e -> producer.send(new ProducerRecord<>("request-events", e.getService(), e)));
            producer.flush();
        }
        return counts;
    }

    private static long total(AppProcess app, String service, String range) {
        HttpResponse<String> r = app.get("/api/v1/services/" + service + "/sli?step=1h&" + range);
        if (r.statusCode() != 200) {
            return -1;
        }
        try {
            return JSON.readTree(r.body()).path("summary").path("total").asLong(-1);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    /** The totals of the final SERVICE records, by service@windowStart. */
    private static Map<String, List<Long>> finals(List<ConsumerRecord<String, SliWindow>> records) {
        Map<String, List<Long>> finals = new HashMap<>();
        for (ConsumerRecord<String, SliWindow> r : records) {
            SliWindow w = r.value();
            if (w.getFinal$() && w.getScope() == SliScope.SERVICE) {
                finals.computeIfAbsent(w.getService() + "@" + w.getWindowStart().toEpochMilli(), k -> new ArrayList<>()).add(w.getTotal());
            }
        }
        return finals;
    }

    private static String header(HttpResponse<String> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
