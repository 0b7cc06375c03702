package dev.vigil.aggregator.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import io.micrometer.core.instrument.MeterRegistry;

import dev.vigil.aggregator.config.AggregatorConfig;
import dev.vigil.avro.serde.VigilSerdes;

/** Hands Quarkus the topology built from the app's configuration. */
@ApplicationScoped
public class TopologyProducer {

    private final AggregatorConfig config;
    private final VigilSerdes serdes;
    private final MeterRegistry registry;

    public TopologyProducer(AggregatorConfig config, VigilSerdes serdes, MeterRegistry registry) {
        this.config = config;
        this.serdes = serdes;
        this.registry = registry;
    }

    @Produces
    Topology topology() {
        return SliTopology.build(settings(config), serdes, new MeterAggregationObserver(registry));
    }

    static AggregationSettings settings(AggregatorConfig config) {
        AggregatorConfig.Aggregation a = config.aggregation();
        return new AggregationSettings(config.topics().requestEvents(), config.topics().sliWindows(),
                config.topics().deadLetters(), "sli-aggregator", a.grace(), a.emitInterval(), a.minuteRetention(),
                a.hourRetention(), a.maxFutureSkew(), a.stores());
    }
}
