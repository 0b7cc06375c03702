package dev.vigil.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import dev.vigil.testkit.AppProcess;
import dev.vigil.testkit.LocalKafka;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/** The built jar starts without Kafka (live UP, ready DOWN, quiet log) and turns ready once a broker comes up. */
class JarStartupIT {

    @Test
    void startsWithoutKafkaThenBecomesReadyWhenTheBrokerArrives() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "startup-");
        int kafkaPort = ManagedProcess.freePort();
        try (LocalKafka kafka = LocalKafka.on(kafkaPort, work.resolve("kafka"));
                AppProcess app = AppProcess.start("alerting", Path.of(System.getProperty("vigil.app.jar")), work,
                        Map.of("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
            assertEquals(200, app.get("/q/health/live").statusCode());
            assertEquals(503, app.get("/q/health/ready").statusCode());
            // Let the client retry for a while with nothing to reach.
            Thread.sleep(8_000);
            assertEquals(200, app.get("/q/health/live").statusCode(), "liveness must stay UP while Kafka is down");
            String log = app.log();
            assertFalse(log.contains("\tat "), "no stack traces while Kafka is down:\n" + log);
            assertTrue(log.lines().count() < 15, "the log stays quiet while Kafka is down:\n" + log);

            kafka.start();
            // Every topic of quarkus.kafka-streams.topics, in one admin call (a CLI run per topic costs seconds each).
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(Stream.of("sli-1m", "slo-definitions", "alerts", "ingest-dlq")
                        .map(topic -> new NewTopic(topic, Optional.of(2), Optional.empty())).toList()).all().get();
            }
            app.awaitReady(Duration.ofSeconds(90));
            assertEquals(200, app.get("/q/health/live").statusCode());
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }
}
