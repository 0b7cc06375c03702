package dev.vigil.app.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness stays UP while Kafka is unreachable (a restart would not bring Kafka back, and
 * Kubernetes would restart-loop); it goes DOWN only when the Streams client has failed for good.
 * Readiness is UP only while Kafka Streams is RUNNING.
 */
@ApplicationScoped
public class StreamsHealthChecks {

    private final KafkaStreams streams;

    public StreamsHealthChecks(KafkaStreams streams) {
        this.streams = streams;
    }

    @Produces
    @Liveness
    HealthCheck streamsAlive() {
        return () -> {
            KafkaStreams.State state = streams.state();
            boolean failed = state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
                    || state == KafkaStreams.State.PENDING_ERROR;
            return HealthCheckResponse.named("kafka-streams-alive").status(!failed).withData("state", state.name()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck streamsReady() {
        return () -> {
            KafkaStreams.State state = streams.state();
            return HealthCheckResponse.named("kafka-streams-ready").status(state == KafkaStreams.State.RUNNING)
                    .withData("state", state.name()).build();
        };
    }
}
