package dev.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.testkit.LocalKafka;
import dev.vigil.testkit.ManagedProcess;
import dev.vigil.testkit.TempDirs;

/** kafka-local starts a real broker, Kafka's own console tools round-trip through it, and stop leaves nothing behind. */
class KafkaLocalIT {

    @Test
    void startRoundTripWithConsoleToolsAndStop() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-local-");
        try (LocalKafka kafka = LocalKafka.on(ManagedProcess.freePort(), dir)) {
            assertTrue(kafka.start().run("status").contains("running"));
            long pid = kafka.pid();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker process alive");
            // Idempotent: a second start finds the running broker.
            assertTrue(kafka.run("start").contains("already running"));

            String b = kafka.bootstrapServers();
            kafka.run("tool", "org.apache.kafka.tools.TopicCommand", "--bootstrap-server", b, "--create", "--topic", "round-trip",
                    "--partitions", "1");
            kafka.runWithInput("one\ntwo\nthree\n", "tool", "org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server", b,
                    "--topic", "round-trip");
            String consumed = kafka.run("tool", "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", b,
                    "--topic", "round-trip", "--from-beginning", "--max-messages", "3", "--timeout-ms", "30000");
            List<String> lines = consumed.lines().filter(l -> l.matches("one|two|three")).toList();
            assertEquals(List.of("one", "two", "three"), lines, consumed);

            kafka.stop();
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "stop leaves no broker process");
            assertFalse(Files.exists(dir.resolve("kafka.pid")));
            IllegalStateException notRunning = assertThrows(IllegalStateException.class, () -> kafka.run("status"));
            assertTrue(notRunning.getMessage().contains("not running"));

            // Restart keeps the data: the three records are still there.
            kafka.start();
            String again = kafka.run("tool", "org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", b,
                    "--topic", "round-trip", "--from-beginning", "--max-messages", "3", "--timeout-ms", "30000");
            assertEquals(3, again.lines().filter(l -> l.matches("one|two|three")).count(), again);
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws Exception {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kafka-local-");
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                LocalKafka kafka = LocalKafka.on(taken.getLocalPort(), dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, kafka::start);
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " is taken"), e.getMessage());
        } finally {
            TempDirs.deleteQuietly(dir);
        }
    }
}
