package dev.vigil.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.avro.sketch.LatencySketches;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/** Tail, Produce, Topics and Watch against a real in-process Kafka cluster. */
class KafkaToolsTest {

    private static KafkaTestCluster kafka;
    private static Path dir;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final VigilSerdes SERDES = VigilSerdes.embedded();

    @BeforeAll
    static void start() throws IOException {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(2, "request-events", "ingest-dlq", "sli-1m", "slo-definitions", "alerts", "raw.nginx", "raw.otlp",
                "renamed-events", "bad-events", "mixed", "lines", "binary", "watch-alerts");
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "tools-");
    }

    @AfterAll
    static void stop() {
        kafka.close();
        TempDirs.deleteQuietly(dir);
    }

    /** Output, error output and exit code of one tool run. */
    record Result(int code, String out, String err) {
        List<JsonNode> json() {
            List<JsonNode> nodes = new ArrayList<>();
            out.lines().forEach(l -> {
                try {
                    nodes.add(JSON.readTree(l));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + l, e);
                }
            });
            return nodes;
        }
    }

    static Result tail(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Tail(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(withBootstrap(args), Map.of(), new Properties());
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] withBootstrap(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers");
        all.add(kafka.bootstrapServers());
        return all.toArray(String[]::new);
    }

    static <T extends SpecificRecord> void produce(String topic, Class<T> type, String key, T value) {
        Map<String, T> records = new LinkedHashMap<>();
        records.put(key, value);
        Serializer<T> serializer = SERDES.serde(type).serializer();
        kafka.produce(topic, serializer, records);
    }

    static void produceRaw(String topic, byte[] key, byte[] value) {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(kafka.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, key, value));
            p.flush();
        }
    }

    @Nested
    class TailTest {

        @Test
        void decodesEveryAvroTopic() {
            produce("request-events", RequestEvent.class, "checkout", Samples.requestEvent());
            produce("ingest-dlq", DeadLetter.class, "raw.nginx", Samples.deadLetter());
            produce("sli-1m", SliWindow.class, "checkout", Samples.sliWindow());
            produce("slo-definitions", SloDefinition.class, "checkout-availability", Samples.sloDefinition());
            produce("alerts", Alert.class, "f1", Samples.alert(AlertStatus.FIRING, "f1", "checkout", Samples.T));

            JsonNode event = single(tail("request-events", "--from-beginning", "--max", "1", "--timeout", "20"));
            assertThat(event.get("service").asText()).isEqualTo("checkout");
            assertThat(event.get("timestamp").asText()).isEqualTo("2026-03-02T10:15:30.123Z");
            assertThat(event.get("statusCode").asInt()).isEqualTo(503);
            assertThat(event.get("outcome").asText()).isEqualTo("AVAILABILITY_ERROR");

            JsonNode dead = single(tail("ingest-dlq", "--from-beginning", "--max", "1", "--timeout", "20"));
            assertThat(dead.get("reason").asText()).isEqualTo("UNPARSEABLE");
            assertThat(new String(Base64.getDecoder().decode(dead.get("raw").asText()), StandardCharsets.UTF_8)).isEqualTo("garbage \u0001");
            assertThat(dead.get("sourceOffset").asLong()).isEqualTo(41);

            JsonNode window = single(tail("sli-1m", "--from-beginning", "--max", "1", "--timeout", "20"));
            assertThat(window.get("scope").asText()).isEqualTo("ENDPOINT");
            assertThat(window.get("final").asBoolean()).isTrue();
            var sketch = LatencySketches.decode(Base64.getDecoder().decode(window.get("latencySketch").asText()));
            assertThat(sketch.getCount()).isEqualTo(100);
            assertThat(sketch.getValueAtQuantile(0.5)).isCloseTo(50, org.assertj.core.data.Offset.offset(1.0));

            JsonNode slo = single(tail("slo-definitions", "--from-beginning", "--max", "1", "--timeout", "20"));
            assertThat(slo.get("rules").get(0).get("severity").asText()).isEqualTo("PAGE");
            assertThat(slo.get("rules").get(0).get("longWindowMs").asLong()).isEqualTo(3_600_000);
            assertThat(slo.get("labels").get("team").asText()).isEqualTo("payments");

            JsonNode alert = single(tail("alerts", "--from-beginning", "--max", "1", "--timeout", "20", "--millis"));
            assertThat(alert.get("status").asText()).isEqualTo("FIRING");
            assertThat(alert.get("startsAt").asLong()).isEqualTo(Samples.T.toEpochMilli());
            assertThat(alert.get("shortBurnRate").asDouble()).isEqualTo(250.25);
        }

        @Test
        void tombstonesAndEnvelopesShowKeysAndPositions() {
            produce("slo-definitions", SloDefinition.class, "checkout-availability", Samples.sloDefinition());
            kafka.produce("slo-definitions", new StringSerializer(), java.util.Collections.singletonMap("gone", (String) null));
            Result r = tail("slo-definitions", "--from-beginning", "--timeout", "3");
            assertThat(r.json()).anySatisfy(n -> {
                assertThat(n.path("key").asText()).isEqualTo("gone");
                assertThat(n.path("value").isNull()).isTrue();
            });
            JsonNode env = tail("slo-definitions", "--from-beginning", "--keys", "--timeout", "3").json().stream()
                    .filter(n -> n.path("key").asText().equals("checkout-availability")).findFirst().orElseThrow();
            assertThat(env.get("topic").asText()).isEqualTo("slo-definitions");
            assertThat(env.get("offset").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(env.get("timestamp").asText()).endsWith("Z");
            assertThat(env.get("value").get("id").asText()).isEqualTo("checkout-availability");
        }

        @Test
        void rawTopicsPrintTextAndBinaryAsBase64() {
            produceRaw("raw.nginx", null, "203.0.113.7 - - [02/Mar/2026:10:15:30 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"curl\""
                    .getBytes(StandardCharsets.UTF_8));
            byte[] proto = {0x0A, 0x02, (byte) 0xFF, 0x00};
            produceRaw("raw.otlp", null, proto);
            assertThat(tail("raw.nginx", "--from-beginning", "--max", "1", "--timeout", "20").out()).startsWith("203.0.113.7 - - [02/Mar");
            assertThat(tail("raw.otlp", "--from-beginning", "--max", "1", "--timeout", "20").out().trim())
                    .isEqualTo("base64:" + Base64.getEncoder().encodeToString(proto));
        }

        @Test
        void renamedTopicsTakeATypeAndEmbeddedAvroIsRecognisedAnywhere() {
            produce("renamed-events", RequestEvent.class, "checkout", Samples.requestEvent());
            assertThat(single(tail("renamed-events", "--type", "RequestEvent", "--from-beginning", "--max", "1", "--timeout", "20"))
                    .get("endpoint").asText()).isEqualTo("GET /carts/{id}");
            produce("mixed", Alert.class, "f2", Samples.alert(AlertStatus.RESOLVED, "f2", "search", Samples.T));
            produceRaw("mixed", null, "just text".getBytes(StandardCharsets.UTF_8));
            Result r = tail("mixed", "--from-beginning", "--max", "2", "--timeout", "20");
            assertThat(r.out()).contains("\"status\":\"RESOLVED\"").contains("just text");
            assertThat(tail("renamed-events", "--type", "raw", "--from-beginning", "--max", "1", "--timeout", "20").out())
                    .startsWith("base64:");
        }

        @Test
        void undecodableRecordsAreShownWithTheirErrorAndTheTailGoesOn() {
            produceRaw("bad-events", null, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
            produce("bad-events", RequestEvent.class, "after", Samples.requestEvent());
            Result r = tail("bad-events", "--type", "RequestEvent", "--from-beginning", "--timeout", "3");
            assertThat(r.code()).isZero();
            assertThat(r.json()).hasSize(2);
            assertThat(r.json()).anySatisfy(n -> {
                assertThat(n.path("error").asText()).contains("cannot decode RequestEvent");
                assertThat(n.path("value").asText()).startsWith("base64:");
            });
            assertThat(r.json()).anySatisfy(n -> assertThat(n.path("service").asText()).isEqualTo("checkout"));
        }

        @Test
        void withoutFromBeginningOnlyNewRecordsArePrinted() throws Exception {
            produceRaw("lines", null, "old".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Result> running = CompletableFuture.supplyAsync(() -> tail("lines", "--max", "1", "--timeout", "30"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!running.isDone() && System.nanoTime() < deadline) {
                produceRaw("lines", null, "new".getBytes(StandardCharsets.UTF_8));
                Thread.sleep(300);
            }
            Result r = running.get(5, TimeUnit.SECONDS);
            assertThat(r.out().trim()).isEqualTo("new");
        }

        @Test
        void anIdleTimeoutEndsTheTail() {
            produce("sli-1m", SliWindow.class, "checkout", Samples.sliWindow());
            long began = System.nanoTime();
            Result r = tail("sli-1m", "--from-beginning", "--timeout", "2");
            assertThat(r.code()).isZero();
            assertThat(r.out().lines().count()).isGreaterThanOrEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
        }

        @Test
        void mistakesAreReportedWithTheirExitCodes() {
            Result missing = tail("no-such-topic", "--timeout", "1");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("topic 'no-such-topic' does not exist");
            Result usage = tail("alerts", "--max", "many");
            assertThat(usage.code()).isEqualTo(2);
            assertThat(usage.err()).contains("--max needs a whole number").contains("usage: tail TOPIC");
            assertThat(tail("alerts", "--type", "Foo").err()).contains("unknown type 'Foo'");
            assertThat(tail("--frobnicate").code()).isEqualTo(2);
        }

        private JsonNode single(Result r) {
            assertThat(r.code()).as(r.err()).isZero();
            List<JsonNode> nodes = r.json();
            assertThat(nodes).as(r.out()).hasSize(1);
            return nodes.get(0);
        }
    }

    @Nested
    class ProduceTest {

        private Result produceCli(byte[] stdin, String... args) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = new Produce(new ByteArrayInputStream(stdin), new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run(withBootstrap(args), Map.of(), new Properties());
            return new Result(code, "", err.toString(StandardCharsets.UTF_8));
        }

        @Test
        void linesFromFilesAndStdinBecomeRecords() throws Exception {
            Path file = dir.resolve("lines.txt");
            Files.writeString(file, "one\n\ntwo\n  \nthree");
            Result r = produceCli("four\nfive\n".getBytes(StandardCharsets.UTF_8), "lines", file.toString(), "-", "--key", "k1");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).contains("5 record(s) written to lines");
            List<ConsumerRecord<String, byte[]>> records = kafka.consumeUntil("lines", new ByteArrayDeserializer(), Duration.ofSeconds(20),
                    rs -> rs.stream().filter(x -> "k1".equals(x.key())).count() >= 5);
            assertThat(records.stream().filter(x -> "k1".equals(x.key())).map(x -> new String(x.value(), StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrder("one", "two", "three", "four", "five");
        }

        @Test
        void binaryFilesTravelByteForByte() throws Exception {
            byte[] payload = new byte[70_000];
            new java.util.Random(1).nextBytes(payload);
            payload[10] = '\n';
            Path file = dir.resolve("batch.bin");
            Files.write(file, payload);
            Result r = produceCli(new byte[0], "binary", file.toString(), "--binary");
            assertThat(r.code()).as(r.err()).isZero();
            List<ConsumerRecord<String, byte[]>> records = kafka.consume("binary", new ByteArrayDeserializer(), 1, Duration.ofSeconds(20));
            assertThat(records).hasSize(1);
            assertThat(records.get(0).value()).isEqualTo(payload);
            assertThat(records.get(0).key()).isNull();
        }

        @Test
        void aMissingTopicOrFileFailsClearly() {
            Result topic = produceCli("x\n".getBytes(StandardCharsets.UTF_8), "no-such-topic", "--property", "max.block.ms=3000");
            assertThat(topic.code()).isEqualTo(1);
            assertThat(topic.err()).contains("topic 'no-such-topic' does not exist");
            Result file = produceCli(new byte[0], "lines", dir.resolve("absent.txt").toString());
            assertThat(file.code()).isEqualTo(1);
            assertThat(file.err()).contains("no such file");
            assertThat(produceCli(new byte[0]).code()).isEqualTo(2);
        }
    }

    @Nested
    class TopicsTest {

        @Test
        void createsWhatIsMissingOnceWithTheAppsDeclaredTopics() throws Exception {
            Path props = dir.resolve("application.properties");
            Files.writeString(props, """
                    vigil.topics.request-events=request-events
                    vigil.topics.extra=app-extra
                    quarkus.kafka-streams.topics=${vigil.topics.request-events},${vigil.topics.extra},\\
                      ${vigil.sources.nginx.topic:app-nginx}
                    """);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Topics topics = new Topics(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] args = withBootstrap("new-a", "--partitions", "3", "--compact", "new-compacted", "--declared-in", props.toString());
            assertThat(topics.run(args, Map.of(), new Properties())).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("created").contains("new-a").contains("app-extra").contains("app-nginx")
                    .doesNotContain("request-events");
            try (Admin admin = kafka.admin()) {
                Map<String, TopicDescription> d = describe(admin, List.of("new-a", "new-compacted", "app-extra"));
                assertThat(d.get("new-a").partitions()).hasSize(3);
                ConfigResource res = new ConfigResource(ConfigResource.Type.TOPIC, "new-compacted");
                assertThat(admin.describeConfigs(List.of(res)).all().get(10, TimeUnit.SECONDS).get(res).get("cleanup.policy").value())
                        .isEqualTo("compact");
            }
            out.reset();
            assertThat(topics.run(args, Map.of(), new Properties())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("all 5 exist");
        }
    }

    /** Describes topics just created, once the metadata has reached the broker that answers. */
    static Map<String, TopicDescription> describe(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @Nested
    class WatchTest {

        @Test
        void drawsAlertsFromTheTopicAndServicesFromTheApis() throws Exception {
            Instant now = Instant.now();
            produce("watch-alerts", Alert.class, "f1", Samples.alert(AlertStatus.FIRING, "f1", "checkout", now.minusSeconds(30)));
            produce("watch-alerts", Alert.class, "f2", Samples.alert(AlertStatus.FIRING, "f2", "search", now.minusSeconds(20)));
            produce("watch-alerts", Alert.class, "f2", Samples.alert(AlertStatus.RESOLVED, "f2", "search", now.minusSeconds(10)));
            HttpServer apps = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            Map<String, String> answers = new HashMap<>();
            answers.put("/api/v1/services", """
                    [{"service":"checkout","total":700,"availability":0.7,"errorRatio":0.3,"p99Ms":250.0,"lastSeen":"2026-03-02T10:00:00Z"},
                     {"service":"search","total":1500,"availability":0.9999,"errorRatio":0.0001,"p99Ms":180.0,"lastSeen":"2026-03-02T10:00:00Z"}]""");
            answers.put("/api/v1/slos", "[{\"id\":\"checkout-availability\",\"service\":\"checkout\"}]");
            answers.put("/api/v1/slos/checkout-availability",
                    "{\"id\":\"checkout-availability\",\"service\":\"checkout\",\"budget\":{\"total\":720,\"consumed\":936,\"remaining\":-216}}");
            apps.createContext("/", ex -> {
                String body = answers.get(ex.getRequestURI().getPath());
                byte[] bytes = (body == null ? "{\"status\":404}" : body).getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
                ex.getResponseBody().write(bytes);
                ex.close();
            });
            apps.start();
            try {
                String url = "http://127.0.0.1:" + apps.getAddress().getPort();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int code = new Watch(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(withBootstrap("--once",
                        "--aggregator", url, "--alerting", url, "--alerts-topic", "watch-alerts", "--banner", "demo banner"), Map.of(),
                        new Properties(), false);
                String text = out.toString(StandardCharsets.UTF_8);
                assertThat(code).isZero();
                assertThat(text).contains("demo banner").contains("FIRING").contains("RESOLVED").contains("burn 1h 180.5x / 5m 250.3x");
                assertThat(text.lines().filter(l -> l.contains("search") && l.contains("RESOLVED"))).hasSize(1);
                String checkout = text.lines().filter(l -> l.startsWith("  checkout ")).findFirst().orElseThrow();
                assertThat(checkout).contains("700").contains("70.000%").contains("250 ms").contains("-30.0%").contains("1 firing");
                String search = text.lines().filter(l -> l.startsWith("  search ")).findFirst().orElseThrow();
                assertThat(search).doesNotContain("firing");

                out.reset();
                new Watch(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(withBootstrap("--once", "--plain",
                        "--aggregator", url, "--alerting", "http://127.0.0.1:1", "--alerts-topic", "watch-alerts"), Map.of(),
                        new Properties(), false);
                assertThat(out.toString(StandardCharsets.UTF_8)).contains("! alerting: no answer from http://127.0.0.1:1/api/v1/slos");
            } finally {
                apps.stop(0);
            }
        }
    }
}
