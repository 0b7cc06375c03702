package dev.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * What every app's built jar must do at startup: start without Kafka (live UP, ready DOWN, a quiet
 * log without stack traces while the client retries), then turn ready once a broker with its topics
 * comes up. Each app's {@code JarStartupIT} runs it on its own jar (failsafe property {@code vigil.app.jar}).
 */
public final class JarStartupCheck {

    private static final int QUIET_LOG_LINES = 15;

    private JarStartupCheck() {
    }

    /** Runs the check for {@code app}, creating {@code topics} (its {@code quarkus.kafka-streams.topics}) once the broker is up. */
    public static void run(String app, List<String> topics) throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "startup-");
        int kafkaPort = ManagedProcess.freePort();
        try (LocalKafka kafka = LocalKafka.on(kafkaPort, work.resolve("kafka"));
                AppProcess process = AppProcess.start(app, Path.of(System.getProperty("vigil.app.jar")), work,
                        Map.of("kafka.bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
            expect(process, "/q/health/live", 200, "live while Kafka is down");
            expect(process, "/q/health/ready", 503, "not ready while Kafka is down");
            // Let the client retry for a while with nothing to reach: not waiting for a condition, letting time pass.
            Thread.sleep(8_000);
            expect(process, "/q/health/live", 200, "liveness must stay UP while Kafka is down");
            String log = process.log();
            if (log.contains("\tat ") || log.lines().count() >= QUIET_LOG_LINES) {
                throw new AssertionError("the log must stay quiet, without stack traces, while Kafka is down:\n" + log);
            }

            kafka.start();
            // One admin call for every topic (a CLI run per topic costs seconds each).
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.of(2), Optional.empty())).toList()).all().get();
            }
            process.awaitReady(Duration.ofSeconds(90));
            expect(process, "/q/health/live", 200, "live once Kafka is up");
        } finally {
            TempDirs.deleteQuietly(work);
        }
    }

    private static void expect(AppProcess process, String path, int status, String why) {
        int actual = process.get(path).statusCode();
        if (actual != status) {
            throw new AssertionError(why + ": GET " + path + " answered " + actual + ", expected " + status + "\n" + process.log());
        }
    }
}
