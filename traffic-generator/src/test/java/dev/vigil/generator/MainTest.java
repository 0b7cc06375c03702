package dev.vigil.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.generator.format.ContractDecoder;
import dev.vigil.generator.truth.GroundTruthData;
import dev.vigil.generator.truth.TopicTotals;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/** The generator as a program, writing to a real (in-process) Kafka cluster. */
class MainTest {

    private static final List<String> RAW = List.of("raw.nginx", "raw.apache", "raw.envoy", "raw.alb", "raw.otlp", "raw.events");
    private static KafkaTestCluster kafka;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(3, RAW.toArray(String[]::new));
        dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "generator-");
    }

    @AfterAll
    static void stop() {
        kafka.close();
        TempDirs.deleteQuietly(dir);
    }

    @Test
    void writesEveryRawTopicAndAGroundTruthThatMatchesIt() throws Exception {
        Path truthFile = dir.resolve("truth.jsonl");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--mode", "simulated", "--count", "3000",
                "--rate", "300", "--invalid-ratio", "0.01", "--duplicate-ratio", "0.01", "--ground-truth", truthFile.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("done: 3000 requests");

        GroundTruthData truth = GroundTruthData.read(truthFile);
        assertThat(truth.requests()).isEqualTo(3000);
        ContractDecoder decoder = new ContractDecoder();
        long events = 0;
        for (TopicTotals t : truth.topics()) {
            List<ConsumerRecord<String, byte[]>> records = kafka.consume(t.topic(), new ByteArrayDeserializer(), (int) t.records(),
                    Duration.ofSeconds(30));
            assertThat(records).as(t.topic()).hasSize((int) t.records());
            for (ConsumerRecord<String, byte[]> r : records) {
                try {
                    events += decoder.decode(t.topic(), r.value()).events().size();
                } catch (java.io.IOException | RuntimeException e) {
                    // a malformed record on purpose
                }
                assertThat(r.key()).isNull();
                assertThat(r.timestamp()).isBetween(truth.run().start().toEpochMilli(), truth.end().orElseThrow().toEpochMilli());
            }
        }
        long duplicates = truth.topics().stream().mapToLong(TopicTotals::duplicates).sum();
        assertThat(events).isEqualTo(3000 + duplicates);
        // Simulated runs end about now, so that the normalizer accepts every timestamp.
        assertThat(truth.end().orElseThrow()).isBefore(java.time.Instant.now().plusSeconds(60));
    }

    @Test
    void producerSettingsPassThroughAndBadOnesFailCleanly() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--bootstrap-servers", kafka.bootstrapServers(), "--mode", "simulated", "--count", "10",
                "--producer-property", "compression.type=nonsense", "--quiet"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("generate: failed:").contains("compression.type");
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        Map<String[], String> cases = new HashMap<>();
        cases.put(new String[] {"--mode", "simulated"}, "needs --duration or --count");
        cases.put(new String[] {"--rate", "fast"}, "--rate needs a number");
        cases.put(new String[] {"--incidents", "outage:nosuch:1m:1m"}, "unknown service 'nosuch'");
        cases.put(new String[] {"--frobnicate"}, "unknown option '--frobnicate'");
        cases.put(new String[] {"--topic", "raw.nginx"}, "KEY=VALUE");
        cases.forEach((args, message) -> {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(Main.run(args, new PrintStream(err, true, StandardCharsets.UTF_8))).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
        });
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"--help"}, new PrintStream(err, true, StandardCharsets.UTF_8))).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--incidents SPEC");
    }
}
