package dev.vigil.normalizer.topology;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.normalizer.normalize.RecordNormalizer;
import dev.vigil.normalizer.normalize.SourceSpec;

/**
 * The normalizer's topology, a pure function of its settings:
 * <pre>
 * raw topics (bytes) -> normalize -> dead letters -> ingest-dlq (key = source topic)
 *                                 -> events -> repartition by service -> dedup + endpoint cap -> request-events
 * </pre>
 * Raw values are read as bytes, so nothing can fail to deserialize; every item of every record ends
 * as exactly one of: event, dead letter, duplicate, skip, each counted per source in a changelogged
 * store ({@link #INGEST_COUNTERS} before the repartition, {@link #OUTPUT_COUNTERS} after).
 */
public final class NormalizerTopology {

    public static final String APP = "ingest-normalizer";
    public static final String INGEST_COUNTERS = "ingest-counters";
    public static final String OUTPUT_COUNTERS = "output-counters";
    public static final String DEDUP_STORE = "dedup-request-ids";
    public static final String ENDPOINTS_STORE = "endpoints-per-service";
    public static final String REPARTITION = "events-by-service";

    /** Raw records keep their producer's timestamp; one without (negative) gets the wall clock, never a failure. */
    static final TimestampExtractor RECORD_OR_WALL_CLOCK = (record, partitionTime) -> record.timestamp() >= 0 ? record.timestamp()
            : System.currentTimeMillis();

    private NormalizerTopology() {
    }

    public static Topology build(TopologySettings settings, VigilSerdes serdes, Tally tally) {
        RecordNormalizer normalizer = new RecordNormalizer(settings.normalize());
        Map<String, SourceSpec> byTopic = new HashMap<>();
        Map<String, String> nameByTopic = new HashMap<>();
        for (SourceSpec s : settings.sources()) {
            byTopic.put(s.topic(), s);
            nameByTopic.put(s.topic(), s.name());
        }
        Serde<RequestEvent> events = serdes.serde(RequestEvent.class);
        // The internal hop is written and read only by this app: never through the registry.
        Serde<RequestEvent> repartitioned = VigilSerdes.embedded().serde(RequestEvent.class);
        Serde<DeadLetter> deadLetters = serdes.serde(DeadLetter.class);
        Duration window = settings.normalize().dedupWindow();
        int cap = settings.normalize().maxEndpointsPerService();

        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(INGEST_COUNTERS), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(OUTPUT_COUNTERS), Serdes.String(), Serdes.Long())
                .withCachingEnabled());
        // Not cached: every key is a new request id, so a cache would never absorb an update; it would only add
        // its bookkeeping and push the counters' entries out of the shared record cache.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(DEDUP_STORE, window, window, false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENDPOINTS_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled());

        List<String> topics = settings.sources().stream().map(SourceSpec::topic).toList();
        KStream<byte[], byte[]> raw = builder.stream(topics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                .withTimestampExtractor(RECORD_OR_WALL_CLOCK).withName("raw-sources"));
        KStream<String, SpecificRecord> normalized = raw.process(() -> new NormalizeProcessor(byTopic, normalizer, tally),
                Named.as("normalize"), INGEST_COUNTERS);
        normalized.split(Named.as("route-"))
                .branch((k, v) -> v instanceof DeadLetter, Branched.withConsumer(s -> s
                        .mapValues(v -> (DeadLetter) v, Named.as("as-dead-letter"))
                        .to(settings.deadLetterTopic(), Produced.with(Serdes.String(), deadLetters).withName("dead-letters")), "dead-letters"))
                .defaultBranch(Branched.withConsumer(s -> s
                        .mapValues(v -> (RequestEvent) v, Named.as("as-event"))
                        .repartition(Repartitioned.with(Serdes.String(), repartitioned).withName(REPARTITION))
                        .process(() -> new DedupProcessor(nameByTopic, window.toMillis(), cap, tally), Named.as("dedup"),
                                DEDUP_STORE, ENDPOINTS_STORE, OUTPUT_COUNTERS)
                        .to(settings.requestEventsTopic(), Produced.with(Serdes.String(), events).withName("request-events")), "events"));
        return builder.build();
    }
}
