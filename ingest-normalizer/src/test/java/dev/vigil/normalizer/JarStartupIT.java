package dev.vigil.normalizer;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.testkit.JarStartupCheck;

/** The built jar starts without Kafka (live UP, ready DOWN, quiet log) and turns ready once a broker comes up. */
class JarStartupIT {

    @Test
    void startsWithoutKafkaThenBecomesReadyWhenTheBrokerArrives() throws Exception {
        // Every topic of quarkus.kafka-streams.topics: the outputs and the six source topics.
        JarStartupCheck.run("ingest-normalizer", List.of("request-events", "ingest-dlq", "raw.nginx", "raw.apache", "raw.envoy",
                "raw.alb", "raw.otlp", "raw.events"));
    }
}
