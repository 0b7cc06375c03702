package dev.vigil.normalizer.topology;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.vigil.avro.DeadLetter;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.normalizer.normalize.SourceSpec;
import dev.vigil.testkit.TestDriver;

/** The normalizer topology in a TopologyTestDriver, its wall clock at {@code now}, with typed topics. */
public final class Fixture implements AutoCloseable {

    public final TopologyTestDriver driver;
    public final TestOutputTopic<String, RequestEvent> events;
    public final TestOutputTopic<String, byte[]> eventBytes;
    public final TestOutputTopic<String, DeadLetter> deadLetters;
    private final Map<String, TestInputTopic<byte[], byte[]>> inputs = new HashMap<>();
    private final TopologySettings settings;
    private final TestDriver testDriver;
    private final Instant now;

    public Fixture(TopologySettings settings, Instant now) {
        this.settings = settings;
        this.now = now;
        VigilSerdes serdes = VigilSerdes.embedded();
        testDriver = TestDriver.start(NormalizerTopology.build(settings, serdes, Tally.none()), "normalizer-test", now);
        driver = testDriver.driver();
        for (SourceSpec s : settings.sources()) {
            inputs.put(s.name(), driver.createInputTopic(s.topic(), new ByteArraySerializer(), new ByteArraySerializer()));
        }
        events = driver.createOutputTopic(settings.requestEventsTopic(), new StringDeserializer(),
                serdes.serde(RequestEvent.class).deserializer());
        eventBytes = driver.createOutputTopic(settings.requestEventsTopic(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(settings.deadLetterTopic(), new StringDeserializer(),
                serdes.serde(DeadLetter.class).deserializer());
    }

    public Fixture(Instant now) {
        this(TopologySettings.defaults(), now);
    }

    public void send(String source, byte[] value) {
        TestInputTopic<byte[], byte[]> in = inputs.get(source);
        if (in == null) {
            throw new IllegalArgumentException("no source " + source);
        }
        in.pipeInput(null, value, now);
    }

    public void send(String source, String value) {
        send(source, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public List<RequestEvent> events() {
        return events.readValuesToList();
    }

    public List<KeyValue<String, DeadLetter>> deadLetters() {
        return deadLetters.readKeyValuesToList();
    }

    /** Counter key to value, summed over both counter stores. */
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>();
        for (String name : List.of(NormalizerTopology.INGEST_COUNTERS, NormalizerTopology.OUTPUT_COUNTERS)) {
            KeyValueStore<String, Long> store = driver.getKeyValueStore(name);
            try (KeyValueIterator<String, Long> it = store.all()) {
                it.forEachRemaining(kv -> all.merge(kv.key, kv.value, Long::sum));
            }
        }
        return all;
    }

    public long counter(String source, Counter counter, String reason) {
        return counters().getOrDefault(counter.key(source, reason), 0L);
    }

    public TopologySettings settings() {
        return settings;
    }

    @Override
    public void close() {
        testDriver.close();
    }
}
