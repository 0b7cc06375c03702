package dev.vigil.aggregator.topology;

import java.time.Clock;
import java.time.Duration;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.vigil.aggregator.sli.TimeBuckets;
import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.serde.VigilSerdes;

/**
 * The aggregator's topology, a pure function of its settings: request-events (keyed by service)
 * -> minute windows and hour rollups per service, service x endpoint and service x region in
 * RocksDB window stores -> SliWindow updates and finals on sli-1m (keyed by service, so every
 * scope of a service lands on one partition); unusable events -> dead letters.
 *
 * <p>Store keys are {@link dev.vigil.aggregator.sli.SliKey} bytes, values
 * {@link dev.vigil.aggregator.sli.SliAccumulator} bytes; stores are partitioned like the input,
 * by service, so the owner of a service answers every question about it.
 */
public final class SliTopology {

    public static final String MINUTE_STORE = "sli-minute";
    public static final String HOUR_STORE = "sli-hour";
    /** Service -> latest event time seen (epoch ms). */
    public static final String SERVICES_STORE = "sli-services";
    /** Minute windows not yet published as final. */
    public static final String OPEN_STORE = "sli-open-windows";

    static final String SOURCE = "request-events-source";
    static final String AGGREGATE = "aggregate";
    static final String WINDOWS_SINK = "sli-windows-sink";
    static final String DEAD_LETTER_SINK = "dead-letter-sink";

    private SliTopology() {
    }

    public static Topology build(AggregationSettings settings, VigilSerdes serdes, AggregationObserver observer) {
        return build(settings, serdes, observer, Clock.systemUTC());
    }

    /** With the clock that judges "too far in the future" (tests pin it). */
    public static Topology build(AggregationSettings settings, VigilSerdes serdes, AggregationObserver observer, Clock clock) {
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), SOURCE, new EventTimestamps(settings.maxFutureSkew(), clock),
                new StringDeserializer(),
                serdes.serde(RequestEvent.class).deserializer(), settings.requestEventsTopic());
        topology.addProcessor(AGGREGATE,
                () -> new SliAggregator(settings, observer, serdes.serde(RequestEvent.class).serializer()), SOURCE);
        boolean rocksdb = settings.stores() == AggregationSettings.StoreKind.ROCKSDB;
        Duration minute = Duration.ofMillis(TimeBuckets.MINUTE_MS);
        Duration hour = Duration.ofMillis(TimeBuckets.HOUR_MS);
        topology.addStateStore(cached(Stores.windowStoreBuilder(rocksdb
                ? Stores.persistentWindowStore(MINUTE_STORE, settings.minuteRetention(), minute, false)
                : Stores.inMemoryWindowStore(MINUTE_STORE, settings.minuteRetention(), minute, false),
                Serdes.Bytes(), Serdes.ByteArray()), rocksdb), AGGREGATE);
        topology.addStateStore(cached(Stores.windowStoreBuilder(rocksdb
                ? Stores.persistentWindowStore(HOUR_STORE, settings.hourRetention(), hour, false)
                : Stores.inMemoryWindowStore(HOUR_STORE, settings.hourRetention(), hour, false),
                Serdes.Bytes(), Serdes.ByteArray()), rocksdb), AGGREGATE);
        topology.addStateStore(cached(Stores.keyValueStoreBuilder(rocksdb ? Stores.persistentKeyValueStore(SERVICES_STORE)
                : Stores.inMemoryKeyValueStore(SERVICES_STORE), Serdes.String(), Serdes.Long()), rocksdb), AGGREGATE);
        topology.addStateStore(cached(Stores.keyValueStoreBuilder(rocksdb ? Stores.persistentKeyValueStore(OPEN_STORE)
                : Stores.inMemoryKeyValueStore(OPEN_STORE), Serdes.Bytes(), Serdes.ByteArray()), rocksdb), AGGREGATE);
        topology.addSink(WINDOWS_SINK, settings.sliWindowsTopic(), new StringSerializer(),
                specific(serdes.serde(SliWindow.class).serializer()), AGGREGATE);
        topology.addSink(DEAD_LETTER_SINK, settings.deadLetterTopic(), new StringSerializer(),
                specific(serdes.serde(DeadLetter.class).serializer()), AGGREGATE);
        return topology;
    }

    /**
     * The record cache saves RocksDB writes and changelog records. In front of in-memory window
     * stores it would hurt: their cache keys are segmented by window, so a time-range fetch of one
     * key would scan every cached key of every window in the range.
     */
    private static <S extends StateStore> StoreBuilder<S> cached(StoreBuilder<S> builder, boolean cache) {
        return cache ? builder.withCachingEnabled() : builder.withCachingDisabled();
    }

    /** The processor forwards both record types as SpecificRecord; each sink only ever sees its own type. */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Serializer<SpecificRecord> specific(Serializer<T> serializer) {
        return (Serializer<SpecificRecord>) serializer;
    }
}
