package dev.vigil.aggregator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
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

import dev.vigil.aggregator.query.QueryLimits;
import dev.vigil.aggregator.query.QueryPlanner;
import dev.vigil.aggregator.query.SeriesPlan;
import dev.vigil.aggregator.query.SliReader;
import dev.vigil.aggregator.query.SliSeries;
import dev.vigil.aggregator.query.TimeRange;
import dev.vigil.aggregator.topology.AggregationObserver;
import dev.vigil.aggregator.topology.AggregationSettings;
import dev.vigil.aggregator.topology.SliTopology;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.TempDirs;

/**
 * The query layer's own cost, without HTTP: one service's last hour in 1-minute steps (60 windows
 * fetched, merged into points and the summary) and the services list over an hour, with 1,000
 * services loaded (in-memory stores of a TopologyTestDriver).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReaderBenchmark {

    private static final int SERVICES = 1_000;
    private static final Instant END = Instant.parse("2026-03-01T11:00:00Z");

    private TopologyTestDriver driver;
    private Path stateDir;
    private SliReader reader;
    private SeriesPlan lastHour;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        stateDir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-reader-");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        AggregationSettings settings = AggregationSettings.defaults().withStores(AggregationSettings.StoreKind.IN_MEMORY);
        driver = new TopologyTestDriver(SliTopology.build(settings, VigilSerdes.embedded(), AggregationObserver.NONE,
                Clock.fixed(END, ZoneOffset.UTC)), props, END);
        TestInputTopic<String, RequestEvent> input = driver.createInputTopic(settings.requestEventsTopic(), new StringSerializer(),
                VigilSerdes.embedded().serde(RequestEvent.class).serializer());
        for (RequestEvent e : Load.hour(SERVICES, 60, 3, END)) {
            input.pipeInput(e.getService(), e, e.getTimestamp());
        }
        reader = new SliReader(driver.getWindowStore(SliTopology.MINUTE_STORE), driver.getWindowStore(SliTopology.HOUR_STORE),
                driver.getKeyValueStore(SliTopology.SERVICES_STORE));
        lastHour = new QueryPlanner(QueryLimits.defaults()).series(null, END.toString(), "1m", END);
        if (reader.series(Load.service(0), lastHour).summary().total() != 180) {
            throw new IllegalStateException("not loaded");
        }
    }

    @Benchmark
    public SliSeries hourInMinutes() {
        return reader.series(Load.service(next++ % SERVICES), lastHour);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object servicesListOverAnHour() {
        TimeRange range = lastHour.range();
        return reader.services(range);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        driver.close();
        TempDirs.deleteQuietly(stateDir);
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(ReaderBenchmark.class);
    }
}
