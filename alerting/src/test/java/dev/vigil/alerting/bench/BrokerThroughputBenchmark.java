package dev.vigil.alerting.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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
import dev.vigil.testkit.BrokerThroughput;
import dev.vigil.testkit.KafkaTestCluster;

/**
 * Evaluation throughput of one instance as the app runs it (one stream thread, RocksDB stores with
 * the record cache, exactly_once_v2, commit every 200 ms) through a real broker: each invocation
 * starts a fresh instance (new application id, empty state) that evaluates 240,000 SLI updates
 * (2,000 services with an availability and a latency SLO each, 60 minutes, two snapshots per
 * minute, every update carrying a 1,000-value latency sketch: each update re-evaluates 8 rules over
 * 5m..3d windows for both SLOs) until every offset is committed. Reported per update, start-up and
 * group join included; the steady rate between the first and the last commit and the stream
 * thread's CPU time per update (the "per core" figure) are printed too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BrokerThroughputBenchmark {

    static final int SERVICES = 2_000;
    static final int MINUTES = 60;
    static final int UPDATES = SERVICES * MINUTES * 2;
    private static final String INPUT = "sli-1m";

    private BrokerThroughput broker;
    private String applicationId;
    private int run;

    @Setup(Level.Trial)
    public void load() throws Exception {
        broker = BrokerThroughput.start("bench-alerting-");
        KafkaTestCluster kafka = broker.kafka();
        kafka.createTopics(4, INPUT, "alerts", "ingest-dlq");
        kafka.createTopics(1, Map.of("cleanup.policy", "compact"), "slo-definitions");
        VigilSerdes serdes = VigilSerdes.embedded();
        Instant defined = Instant.now();
        try (KafkaProducer<String, SloDefinition> producer = kafka.producer(new StringSerializer(),
                serdes.serde(SloDefinition.class).serializer())) {
            for (int s = 0; s < SERVICES; s++) {
                String svc = service(s);
                Slo availability = new Slo(svc + "-availability", svc, null, SliType.AVAILABILITY, null, 0.999, new Period.Rolling(30),
                        null, null, Map.of(), null, null, null, List.of(), "bench", defined);
                Slo latency = new Slo(svc + "-latency", svc, null, SliType.LATENCY, 300.0, 0.99, new Period.Rolling(30), null, null,
                        Map.of(), null, null, null, List.of(), "bench", defined);
                producer.send(new ProducerRecord<>("slo-definitions", availability.id(), SloDefinitions.toAvro(availability)));
                producer.send(new ProducerRecord<>("slo-definitions", latency.id(), SloDefinitions.toAvro(latency)));
            }
            producer.flush();
        }
        ByteBuffer sketch = EvaluationBenchmark.sketch();
        Instant first = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(MINUTES));
        try (KafkaProducer<String, SliWindow> producer = kafka.producer(new StringSerializer(), serdes.serde(SliWindow.class).serializer())) {
            for (int m = 0; m < MINUTES; m++) {
                Instant start = first.plus(Duration.ofMinutes(m));
                for (int k = 1; k <= 2; k++) {
                    for (int s = 0; s < SERVICES; s++) {
                        SliWindow w = SliWindow.newBuilder().setService(service(s)).setScope(SliScope.SERVICE).setWindowStart(start)
                                .setWindowEnd(start.plus(Duration.ofMinutes(1))).setTotal(500L * k).setAvailabilityErrors(k - 1)
                                .setClientErrors(0).setLatencyCount(500L * k).setLatencySketch(sketch.duplicate()).setUpdatedAt(start)
                                .setFinal$(k == 2).build();
                        producer.send(new ProducerRecord<>(INPUT, null, start.plusSeconds(29L * k).toEpochMilli(), w.getService(), w));
                    }
                }
            }
            producer.flush();
        }
    }

    static String service(int i) {
        return String.format("svc-%04d", i);
    }

    /** A fresh instance (new application id, empty state), not started yet. */
    @Setup(Level.Invocation)
    public void create() {
        applicationId = "bench-alerting-" + (run++);
        Properties p = broker.instanceConfig(applicationId, 200);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        broker.create(AlertingTopology.build(AlertingSettings.defaults(), VigilSerdes.embedded(), new SloCatalog(), AlertingMetrics.NONE),
                p);
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public void evaluateAll() throws Exception {
        BrokerThroughput.Steady steady = broker.runUntilCommitted(INPUT, this::streamThreadCpuNanos);
        long updates = UPDATES - steady.committedAtFirst();
        double cpuSeconds = steady.counted() / 1e9;
        System.out.printf("%n# steady rate: %.0f updates/s; stream thread CPU: %.1f us per update = %.0f updates per CPU-second%n",
                updates / steady.seconds(), cpuSeconds * 1e6 / updates, updates / cpuSeconds);
    }

    /** CPU time of this instance's stream thread (its processing, serdes, stores and commits). */
    private long streamThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(applicationId) && info.getThreadName().contains("-StreamThread-")) {
                sum += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return sum;
    }

    @TearDown(Level.Invocation)
    public void stop() {
        broker.stopInstance();
    }

    @TearDown(Level.Trial)
    public void unload() {
        broker.close();
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(BrokerThroughputBenchmark.class, args);
    }
}
