package dev.vigil.alerting.topology;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.vigil.alerting.codec.SloDefinitions;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.SloDefinition;

/**
 * Keeps the global definitions store and the in-memory {@link SloCatalog} in step with the
 * compacted definitions topic. On start the store has been restored from the topic, so the catalog
 * is rebuilt from it; then each record adds, replaces or (tombstone) removes one SLO. A record
 * that is not a valid SLO leaves that id without an SLO in force and is logged once.
 */
final class DefinitionsProcessor implements Processor<String, SloDefinition, Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(DefinitionsProcessor.class);

    private final String storeName;
    private final SloCatalog catalog;
    private final AlertingMetrics metrics;
    private KeyValueStore<String, SloDefinition> store;

    DefinitionsProcessor(String storeName, SloCatalog catalog, AlertingMetrics metrics) {
        this.storeName = storeName;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
        catalog.clear();
        try (KeyValueIterator<String, SloDefinition> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, SloDefinition> kv = all.next();
                apply(kv.key, kv.value);
            }
        }
    }

    @Override
    public void process(Record<String, SloDefinition> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        apply(record.key(), record.value());
    }

    private void apply(String id, SloDefinition value) {
        if (value == null) {
            catalog.put(id, null);
            return;
        }
        try {
            if (!id.equals(value.getId())) {
                throw new IllegalArgumentException("the record key '" + id + "' differs from the SLO id '" + value.getId() + "'");
            }
            Slo slo = SloDefinitions.fromAvro(value);
            catalog.put(id, slo);
        } catch (RuntimeException e) {
            metrics.invalidDefinition();
            LOG.warn("SLO definition '{}' on the definitions topic is invalid and not in force: {}", id, e.getMessage());
            catalog.put(id, null);
        }
    }
}
