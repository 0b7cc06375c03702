package dev.vigil.alerting;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.vigil.testkit.JarStartupCheck;

/** The built jar starts without Kafka (live UP, ready DOWN, quiet log) and turns ready once a broker comes up. */
class JarStartupIT {

    @Test
    void startsWithoutKafkaThenBecomesReadyWhenTheBrokerArrives() throws Exception {
        // Every topic of quarkus.kafka-streams.topics.
        JarStartupCheck.run("alerting", List.of("sli-1m", "slo-definitions", "alerts", "ingest-dlq"));
    }
}
