package dev.vigil.app.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StreamsHealthChecksTest {

    @Test
    void notStartedYetIsAliveNotReadyAndNamesTheTopicsItWaitsFor() throws Exception {
        Path state = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "health-");
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("request-events").to("sli-1m");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "health-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            StreamsHealthChecks checks = new StreamsHealthChecks(streams, Optional.of(List.of("request-events", "sli-1m")));

            HealthCheckResponse ready = checks.streamsReady().call();
            assertEquals(HealthCheckResponse.Status.DOWN, ready.getStatus());
            Map<String, Object> data = ready.getData().orElseThrow();
            assertEquals("CREATED", data.get("state"));
            String waiting = String.valueOf(data.get("waiting"));
            assertTrue(waiting.contains("ACL Describe") && waiting.endsWith("request-events, sli-1m"), waiting);

            assertEquals(HealthCheckResponse.Status.UP, checks.streamsAlive().call().getStatus());
        } finally {
            try (var files = Files.walk(state)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
