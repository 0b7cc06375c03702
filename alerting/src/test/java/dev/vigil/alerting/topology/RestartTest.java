package dev.vigil.alerting.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.vigil.alerting.codec.SloDefinitions;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.Alert;
import dev.vigil.avro.AlertStatus;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/**
 * Exactly-once across restarts on a real Kafka: the alert state lives in changelogged stores that
 * commit with the alerts, so a restarted app (even with its local state wiped and restored from the
 * changelogs) neither repeats a FIRING nor forgets it, and resolves it exactly once.
 */
class RestartTest {

    static KafkaTestCluster kafka;
    static final Instant T = Instant.parse("2026-07-01T08:00:00Z");
    static final AlertingSettings SETTINGS = AlertingSettings.defaults();

    @BeforeAll
    static void start() {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(2, "sli-1m", "alerts", "ingest-dlq");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "slo-definitions");
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    KafkaStreams streams(Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "alerting-restart-test");
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // A member that did not leave (a crash) is noticed in seconds, not the default 45.
        p.put(StreamsConfig.consumerPrefix("session.timeout.ms"), 6_000);
        p.put(StreamsConfig.consumerPrefix("heartbeat.interval.ms"), 1_000);
        KafkaStreams s = new KafkaStreams(AlertingTopology.build(SETTINGS, Fixture.SERDES, new SloCatalog(), AlertingMetrics.NONE), p);
        s.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (s.state() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(s.state()).isEqualTo(KafkaStreams.State.RUNNING);
        return s;
    }

    void send(int fromMinute, int toMinute, long errors) {
        try (KafkaProducer<String, SliWindow> p = kafka.producer(new StringSerializer(), Fixture.SERDES.serde(SliWindow.class).serializer())) {
            for (int m = fromMinute; m < toMinute; m++) {
                Instant start = T.plus(Duration.ofMinutes(m));
                p.send(new ProducerRecord<>("sli-1m", null, start.plusMillis(59_999).toEpochMilli(), "restart-svc",
                        Fixture.window("restart-svc", dev.vigil.avro.SliScope.SERVICE, null, start, 1000, errors, List.of())));
            }
            p.flush();
        }
    }

    /** One reader of the alerts topic for the whole test (read_committed, from the beginning). */
    final List<ConsumerRecord<String, Alert>> seen = new java.util.ArrayList<>();
    org.apache.kafka.clients.consumer.KafkaConsumer<String, Alert> reader;

    /**
     * Waits until the app committed every SLI record sent so far (under exactly-once its outputs are
     * committed with them), then reads the alerts topic up to its end; returns every alert seen.
     */
    List<ConsumerRecord<String, Alert>> processed() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
            Map<org.apache.kafka.common.TopicPartition, Long> ends = new java.util.HashMap<>();
            for (int partition = 0; partition < 2; partition++) {
                org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition("sli-1m", partition);
                ends.put(tp, admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp).get()
                        .offset());
            }
            while (true) {
                Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("alerting-restart-test").partitionsToOffsetAndMetadata().get();
                if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()))) {
                    break;
                }
                assertThat(System.nanoTime()).as("the app commits the SLI records within 60 s").isLessThan(deadline);
                sleep(100);
            }
        }
        // The transaction's markers reach the alerts partitions a moment after its offsets are visible: wait until no
        // transaction is open there (the last stable offset is the log end), then read to the end.
        Map<org.apache.kafka.common.TopicPartition, Long> alertEnds;
        try (org.apache.kafka.clients.admin.Admin admin = kafka.admin()) {
            while (true) {
                Map<org.apache.kafka.common.TopicPartition, Long> stable = reader.endOffsets(reader.assignment());
                Map<org.apache.kafka.common.TopicPartition, Long> logEnds = new java.util.HashMap<>();
                for (org.apache.kafka.common.TopicPartition tp : reader.assignment()) {
                    logEnds.put(tp, admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).partitionResult(tp)
                            .get().offset());
                }
                if (stable.equals(logEnds)) {
                    alertEnds = stable;
                    break;
                }
                assertThat(System.nanoTime()).as("the alerts' transactions complete within 60 s").isLessThan(deadline);
                sleep(100);
            }
        }
        while (alertEnds.entrySet().stream().anyMatch(e -> reader.position(e.getKey()) < e.getValue())) {
            assertThat(System.nanoTime()).as("the alerts topic is read to its end within 60 s").isLessThan(deadline);
            reader.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    @Test
    void aRestartNeitherRepeatsNorLosesAlerts() throws Exception {
        Slo slo = new Slo("restart-availability", "restart-svc", null, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30), null,
                null, Map.of(), null, null, null,
                List.of(new dev.vigil.alerting.slo.BurnRule(dev.vigil.alerting.slo.Severity.PAGE, 14.4, Duration.ofHours(1),
                        Duration.ofMinutes(5))), "test", T);
        kafka.produce("slo-definitions", Fixture.SERDES.serde(SloDefinition.class).serializer(), Map.of(slo.id(), SloDefinitions.toAvro(slo)));
        Path first = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "restart-a-");
        Path second = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "restart-b-");
        reader = new org.apache.kafka.clients.consumer.KafkaConsumer<>(kafka.consumerConfig("restart-reader"),
                new org.apache.kafka.common.serialization.StringDeserializer(), Fixture.SERDES.serde(Alert.class).deserializer());
        List<org.apache.kafka.common.TopicPartition> parts = List.of(new org.apache.kafka.common.TopicPartition("alerts", 0),
                new org.apache.kafka.common.TopicPartition("alerts", 1));
        reader.assign(parts);
        reader.seekToBeginning(parts);
        try {
            KafkaStreams a = streams(first);
            send(0, 60, 0);
            send(60, 63, 1000);
            List<ConsumerRecord<String, Alert>> fired = processed();
            assertThat(fired).singleElement().satisfies(r -> assertThat(r.value().getStatus()).isEqualTo(AlertStatus.FIRING));
            close(a);

            // Same state directory: the outage goes on, and nothing new is emitted.
            KafkaStreams b = streams(first);
            send(63, 66, 1000);
            List<ConsumerRecord<String, Alert>> afterRestart = processed();
            close(b);
            assertThat(afterRestart).as("no second FIRING after a restart").hasSize(1);

            // A new machine: local state gone, restored from the changelogs. Recovery resolves the alert once.
            KafkaStreams c = streams(second);
            send(66, 75, 0);
            List<ConsumerRecord<String, Alert>> all = processed();
            close(c);
            assertThat(all).extracting(r -> r.value().getStatus()).containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
            assertThat(all.get(1).key()).isEqualTo(all.get(0).key());
            assertThat(all.get(1).value().getStartsAt()).isEqualTo(all.get(0).value().getStartsAt());
        } finally {
            reader.close();
            TempDirs.deleteQuietly(first);
            TempDirs.deleteQuietly(second);
        }
    }

    /** Closes and leaves the group, so that the next instance gets the partitions at once. */
    static void close(KafkaStreams streams) {
        assertThat(streams.close(new KafkaStreams.CloseOptions().leaveGroup(true).timeout(Duration.ofSeconds(30)))).isTrue();
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
