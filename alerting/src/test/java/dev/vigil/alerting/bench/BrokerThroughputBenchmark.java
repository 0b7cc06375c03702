package dev.vigil.alerting.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
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
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

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

    private KafkaTestCluster kafka;
    private Path work;
    private KafkaStreams streams;
    private String applicationId;
    private int run;

    @Setup(Level.Trial)
    public void load() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-alerting-");
        kafka = KafkaTestCluster.start();
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
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(applicationId).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 200);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        streams = new KafkaStreams(AlertingTopology.build(AlertingSettings.defaults(), VigilSerdes.embedded(), new SloCatalog(),
                AlertingMetrics.NONE), p);
    }

    @Benchmark
    @OperationsPerInvocation(UPDATES)
    public void evaluateAll() throws Exception {
        streams.start();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, Long> ends = admin.listOffsets(admin.describeTopics(List.of(INPUT)).allTopicNames().get().get(INPUT)
                    .partitions().stream().collect(Collectors.toMap(pi -> new TopicPartition(INPUT, pi.partition()), pi -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long firstCommitAt = 0;
            long committedAtFirst = 0;
            long cpuAtFirst = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                        .get();
                long done = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (firstCommitAt == 0 && done > 0) {
                    firstCommitAt = System.nanoTime();
                    committedAtFirst = done;
                    cpuAtFirst = streamThreadCpuNanos();
                }
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                    double seconds = (System.nanoTime() - firstCommitAt) / 1e9;
                    double cpuSeconds = (streamThreadCpuNanos() - cpuAtFirst) / 1e9;
                    System.out.printf("%n# steady rate: %.0f updates/s; stream thread CPU: %.1f us per update = %.0f updates per CPU-second%n",
                            (UPDATES - committedAtFirst) / seconds, cpuSeconds * 1e6 / (UPDATES - committedAtFirst),
                            (UPDATES - committedAtFirst) / cpuSeconds);
                    return;
                }
                Thread.sleep(20);
            }
        }
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
        streams.close(Duration.ofSeconds(30));
    }

    @TearDown(Level.Trial)
    public void unload() {
        kafka.close();
        TempDirs.deleteQuietly(work);
    }

    public static void main(String[] args) throws Exception {
        BenchRunner.run(BrokerThroughputBenchmark.class, args);
    }
}
