package dev.vigil.normalizer.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import dev.vigil.avro.serde.VigilSerdes;
import io.micrometer.core.instrument.MeterRegistry;

/** Hands Quarkus the topology built from configuration, with Micrometer counters. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    Topology topology(TopologySettings settings, VigilSerdes serdes, MeterRegistry registry) {
        return NormalizerTopology.build(settings, serdes, new MicrometerTally(registry, settings));
    }
}
