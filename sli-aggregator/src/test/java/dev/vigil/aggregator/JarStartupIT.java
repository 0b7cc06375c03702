package dev.vigil.aggregator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

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
                AppProcess app = AppProcess.start("sli-aggregator", Path.of(System.getProperty("vigil.app.jar")), work,
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
            kafka.run("tool", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", kafka.bootstrapServers(),
                    "--create", "--topic", "request-events", "--partitions", "2");
            kafka.run("tool", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", kafka.bootstrapServers(),
                    "--create", "--topic", "ingest-dlq", "--partitions", "2");
            kafka.run("tool", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", kafka.bootstrapServers(),
                    "--create", "--topic", "sli-1m", "--partitions", "2");
            app.awaitReady(Duration.ofSeconds(90));
            assertEquals(200, app.get("/q/health/live").statusCode());
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }
}
