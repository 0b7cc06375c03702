package dev.vigil.alerting.topology;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.avro.Alert;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.serde.VigilSerdes;

/**
 * The alerting topology, a pure function of its settings:
 * <pre>
 *   slo-definitions --(global store + catalog)--.
 *                                               v
 *   sli-1m (key = service) --> evaluate --> alerts (key = fingerprint)
 *                                 |    \--> ingest-dlq (invalid windows)
 *              minute/hour counts, SLO state, service clocks, active alerts, alert history
 * </pre>
 * The evaluator's stores are partitioned like {@code sli-1m}, by service, so interactive queries
 * for a service go to the instance that owns its partition.
 */
public final class AlertingTopology {

    public static final String DEFINITIONS_STORE = "alerting-slo-definitions";
    public static final String MINUTES_STORE = "alerting-minute-counts";
    public static final String HOURS_STORE = "alerting-hour-counts";
    public static final String SLO_STATE_STORE = "alerting-slo-state";
    public static final String CLOCK_STORE = "alerting-service-clock";
    public static final String ACTIVE_STORE = "alerting-active-alerts";
    public static final String HISTORY_STORE = "alerting-alert-history";
    static final String ALERTS_SINK = "alerts-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private AlertingTopology() {
    }

    /**
     * @param serdes  the app's serdes for the topics (embedded or registry)
     * @param catalog filled from the definitions topic; the query layer reads it too
     */
    public static Topology build(AlertingSettings settings, VigilSerdes serdes, SloCatalog catalog, AlertingMetrics metrics) {
        // Internal stores always use the embedded encoding: they are ours alone and need no registry.
        VigilSerdes internal = VigilSerdes.embedded();
        Topology t = new Topology();
        t.addGlobalStore(
                Stores.keyValueStoreBuilder(kv(settings, DEFINITIONS_STORE), Serdes.String(),
                        internal.serde(SloDefinition.class)).withLoggingDisabled(),
                "definitions-source", Serdes.String().deserializer(), serdes.serde(SloDefinition.class).deserializer(),
                settings.definitionsTopic(), "definitions",
                () -> new DefinitionsProcessor(DEFINITIONS_STORE, catalog, metrics));

        Serializer<SliWindow> windowSerializer = serdes.serde(SliWindow.class).serializer();
        t.addSource("sli-source", Serdes.String().deserializer(), serdes.serde(SliWindow.class).deserializer(), settings.sliTopic());
        t.addProcessor("evaluate", () -> new EvaluationProcessor(settings, catalog, metrics, windowSerializer), "sli-source");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, MINUTES_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled(), "evaluate");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, HOURS_STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled(), "evaluate");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, SLO_STATE_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled(), "evaluate");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, CLOCK_STORE), Serdes.String(), Serdes.ByteArray())
                .withCachingEnabled(), "evaluate");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, ACTIVE_STORE), Serdes.String(),
                internal.serde(Alert.class)), "evaluate");
        t.addStateStore(Stores.keyValueStoreBuilder(kv(settings, HISTORY_STORE), Serdes.Bytes(),
                internal.serde(Alert.class)), "evaluate");

        Serializer<Alert> alerts = serdes.serde(Alert.class).serializer();
        Serializer<DeadLetter> letters = serdes.serde(DeadLetter.class).serializer();
        t.addSink(ALERTS_SINK, settings.alertsTopic(), Serdes.String().serializer(),
                (Serializer<SpecificRecord>) (topic, value) -> alerts.serialize(topic, (Alert) value), "evaluate");
        t.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), Serdes.String().serializer(),
                (Serializer<SpecificRecord>) (topic, value) -> letters.serialize(topic, (DeadLetter) value), "evaluate");
        return t;
    }

    private static KeyValueBytesStoreSupplier kv(AlertingSettings settings, String name) {
        return settings.persistentStores() ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
    }
}
