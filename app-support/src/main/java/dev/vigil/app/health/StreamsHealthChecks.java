package dev.vigil.app.health;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness stays UP while Kafka is unreachable (a restart would not bring Kafka back, and
 * Kubernetes would restart-loop); it goes DOWN only when the Streams client has failed for good.
 * Readiness is UP only while Kafka Streams is RUNNING. Until Quarkus starts Kafka Streams (state
 * CREATED) it waits, silently, for the topics it was given to exist and be describable, so readiness
 * then names them: a missing topic or a missing Describe ACL shows there.
 */
@ApplicationScoped
public class StreamsHealthChecks {

    private final KafkaStreams streams;
    private final List<String> topics;

    public StreamsHealthChecks(KafkaStreams streams, @ConfigProperty(name = "quarkus.kafka-streams.topics") Optional<List<String>> topics) {
        this.streams = streams;
        this.topics = topics.orElse(List.of());
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
            var response = HealthCheckResponse.named("kafka-streams-ready").status(state == KafkaStreams.State.RUNNING)
                    .withData("state", state.name());
            if (state == KafkaStreams.State.CREATED && !topics.isEmpty()) {
                response.withData("waiting", "for these topics to exist and be describable by this app's Kafka user (ACL Describe): "
                        + String.join(", ", topics));
            }
            return response.build();
        };
    }
}
