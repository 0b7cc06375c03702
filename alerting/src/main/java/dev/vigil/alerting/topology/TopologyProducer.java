package dev.vigil.alerting.topology;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.apache.kafka.streams.Topology;

import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.config.AlertingMeters;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.serde.VigilSerdes;

/** Hands Quarkus the alerting topology built from configuration, and the catalog it fills. */
@ApplicationScoped
public class TopologyProducer {

    @Produces
    @ApplicationScoped
    SloCatalog catalog() {
        return new SloCatalog();
    }

    @Produces
    Topology topology(AlertingConfig config, VigilSerdes serdes, SloCatalog catalog, AlertingMeters meters) {
        return AlertingTopology.build(settings(config), serdes, catalog, meters);
    }

    public static AlertingSettings settings(AlertingConfig c) {
        return new AlertingSettings(c.topics().sli(), c.topics().sloDefinitions(), c.topics().alerts(), c.topics().deadLetters(),
                c.evaluation().minEvents(), c.evaluation().noDataAfter(), c.evaluation().noDataSeverity(), c.evaluation().interval(),
                c.publicUrl(), c.alerts().historyRetention(), c.alerts().historyLimit(), c.evaluation().seriesCache(), true);
    }
}
