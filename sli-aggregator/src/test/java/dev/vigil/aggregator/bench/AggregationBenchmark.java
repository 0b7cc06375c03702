package dev.vigil.aggregator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.vigil.aggregator.topology.AggregationObserver;
import dev.vigil.aggregator.topology.AggregationSettings;
import dev.vigil.aggregator.topology.SliTopology;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.TempDirs;

/**
 * The aggregation's CPU cost per event: Avro decoding, three keys x (minute window + hour
 * rollup) read-modify-write, changelog records, and the once-a-second publication of changed
 * windows, in a TopologyTestDriver with in-memory stores (the driver commits after every record,
 * which with RocksDB would measure a flush per event instead). 1,000 services, 3 endpoints, 2
 * regions; one event per millisecond of event time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AggregationBenchmark {

    private TopologyTestDriver driver;
    private TestInputTopic<String, RequestEvent> input;
    private List<RequestEvent> events;
    private Path stateDir;
    private long timestamp;
    private final Map<String, TestOutputTopic<byte[], byte[]>> outputs = new HashMap<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
        stateDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-ttd-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AggregationSettings settings = AggregationSettings.defaults().withStores(AggregationSettings.StoreKind.IN_MEMORY);
        // A clock far ahead: the ever later event times of the run are never "from the future".
        Clock clock = Clock.fixed(t0.plus(Duration.ofDays(365)), ZoneOffset.UTC);
        driver = new TopologyTestDriver(SliTopology.build(settings, VigilSerdes.embedded(), AggregationObserver.NONE, clock), props, t0);
        input = driver.createInputTopic(settings.requestEventsTopic(), new StringSerializer(),
                VigilSerdes.embedded().serde(RequestEvent.class).serializer());
        events = Load.hour(1_000, 1, 8, t0);
        timestamp = t0.toEpochMilli();
    }

    /** One event; time moves 1 ms per event (60,000 events per minute window, 60 per service-minute). */
    @Benchmark
    public void aggregate() {
        RequestEvent e = events.get(next++ % events.size());
        e.setTimestamp(Instant.ofEpochMilli(++timestamp));
        input.pipeInput(e.getService(), e, timestamp);
        if (next % 1_000 == 0) {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            drain();
        }
    }

    /** The driver keeps every record written (output and changelogs) until read: read them, or memory fills up. */
    private void drain() {
        for (String topic : driver.producedTopicNames()) {
            outputs.computeIfAbsent(topic, t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
                    .readRecordsToList();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
        TempDirs.deleteQuietly(stateDir);
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(AggregationBenchmark.class);
    }
}
