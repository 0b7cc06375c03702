package dev.vigil.alerting.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.vigil.alerting.codec.SloDefinitions;
import dev.vigil.alerting.slo.Period;
import dev.vigil.alerting.slo.SliType;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.alerting.topology.AlertingMetrics;
import dev.vigil.alerting.topology.AlertingSettings;
import dev.vigil.alerting.topology.AlertingTopology;
import dev.vigil.avro.SliScope;
import dev.vigil.avro.SliWindow;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.TempDirs;

/**
 * Burn-rate evaluation throughput (target: 20,000 SLI updates/s per core or more).
 * <ul>
 * <li>{@code topologyUpdate}: one SLI window update through the whole alerting topology in a
 * TopologyTestDriver (Avro decoding, SLO lookup, snapshot delta into minute and hour chunks, the
 * four Workbook rules over 5m..3d windows, state writes), 2,000 services with an availability and
 * a latency SLO each and an hour of history; in-memory stores, because the test driver commits
 * (and so would flush RocksDB) after every record.</li>
 * <li>The domain part alone (record a snapshot and evaluate the four rules) is the benchmarks
 * module's {@code BurnRateBenchmark}.</li>
 * </ul>
 * Run: see docs/alerting.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EvaluationBenchmark {

    static final Instant T = Instant.parse("2026-08-01T00:00:00Z");
    static final int SERVICES = 2_000;

    @State(Scope.Thread)
    public static class Driver {
        TopologyTestDriver driver;
        TestInputTopic<String, SliWindow> sli;
        Path dir;
        SliWindow[] windows;
        long[] at;
        int next;
        int round;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            dir = Files.createTempDirectory("bench-");
            Properties p = new Properties();
            p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench");
            p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            p.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
            VigilSerdes serdes = VigilSerdes.embedded();
            driver = new TopologyTestDriver(AlertingTopology.build(AlertingSettings.defaults().inMemory(), serdes, new SloCatalog(),
                    AlertingMetrics.NONE), p, T);
            TestInputTopic<String, SloDefinition> defs = driver.createInputTopic("slo-definitions", Serdes.String().serializer(),
                    serdes.serde(SloDefinition.class).serializer());
            sli = driver.createInputTopic("sli-1m", Serdes.String().serializer(), serdes.serde(SliWindow.class).serializer());
            for (int s = 0; s < SERVICES; s++) {
                String svc = "svc-" + s;
                defs.pipeInput(svc + "-a", SloDefinitions.toAvro(new Slo(svc + "-a", svc, null, SliType.AVAILABILITY, null, 0.999,
                        new Period.Rolling(30), null, null, Map.of(), null, null, null, List.of(), "bench", T)));
                defs.pipeInput(svc + "-l", SloDefinitions.toAvro(new Slo(svc + "-l", svc, null, SliType.LATENCY, 300.0, 0.99,
                        new Period.Rolling(30), null, null, Map.of(), null, null, null, List.of(), "bench", T)));
            }
            ByteBuffer sketch = sketch();
            // An hour of history for every service.
            for (int m = 0; m < 60; m++) {
                for (int s = 0; s < SERVICES; s++) {
                    sli.pipeInput(new TestRecord<>("svc-" + s, window("svc-" + s, m, 1000, 1, sketch), T.plus(Duration.ofMinutes(m)).plusSeconds(59)));
                }
            }
            windows = new SliWindow[SERVICES * 6];
            at = new long[windows.length];
            for (int k = 0; k < 6; k++) {
                for (int s = 0; s < SERVICES; s++) {
                    windows[k * SERVICES + s] = window("svc-" + s, 60, 200L * (k + 1), k, sketch);
                    at[k * SERVICES + s] = T.plus(Duration.ofMinutes(60)).plusSeconds(10L * k + 5).toEpochMilli();
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            driver.close();
            TempDirs.deleteQuietly(dir);
        }
    }

    static ByteBuffer sketch() {
        com.datadoghq.sketch.ddsketch.DDSketch s = dev.vigil.avro.sketch.LatencySketches.empty();
        for (int i = 0; i < 1000; i++) {
            s.accept(5 + (i * 7919 % 600));
        }
        return dev.vigil.avro.sketch.LatencySketches.encode(s);
    }

    static SliWindow window(String service, int minute, long total, long errors, ByteBuffer sketch) {
        Instant start = T.plus(Duration.ofMinutes(minute));
        return SliWindow.newBuilder().setService(service).setScope(SliScope.SERVICE).setWindowStart(start)
                .setWindowEnd(start.plus(Duration.ofMinutes(1))).setTotal(total).setAvailabilityErrors(errors).setClientErrors(0)
                .setLatencyCount(Math.min(total, 1000)).setLatencySketch(sketch.duplicate()).setUpdatedAt(start).build();
    }

    @Benchmark
    public void topologyUpdate(Driver d) {
        int i = d.next;
        d.next = (i + 1) % d.windows.length;
        d.sli.pipeInput(new TestRecord<>(d.windows[i].getService(), d.windows[i], Instant.ofEpochMilli(d.at[i])));
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(EvaluationBenchmark.class, args);
    }
}
