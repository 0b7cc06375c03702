package dev.vigil.alerting.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** SKELETON (replaced by the normalizer's real topology). */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(@ConfigProperty(name = "vigil.topics.request-events") String requestEvents,
            @ConfigProperty(name = "vigil.topics.dead-letters") String deadLetters) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(deadLetters, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .filter((k, v) -> false)
                .to(requestEvents, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }
}
