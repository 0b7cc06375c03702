package dev.vigil.aggregator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.vigil.aggregator.topology.AggregationObserver;
import dev.vigil.aggregator.topology.AggregationSettings;
import dev.vigil.aggregator.topology.SliTopology;
import dev.vigil.avro.RequestEvent;
import dev.vigil.avro.serde.VigilSerdes;
import dev.vigil.testkit.KafkaTestCluster;
import dev.vigil.testkit.TempDirs;

/**
 * Aggregation throughput of one instance (one stream thread, RocksDB, exactly_once_v2) through a
 * real broker: each invocation starts a fresh instance (new application id, empty state) that
 * processes 400,000 events (1,000 services x 50 minutes x 8, 3 endpoints, 2 regions) until every
 * offset is committed. Reported per event (events/s = 1 / that), start-up and group join included;
 * the steady rate between the first and the last commit is printed too.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class BrokerThroughputBenchmark {

    static final int EVENTS = 1_000 * 50 * 8;
    private static final String INPUT = "request-events";

    /** The app's default, and a longer one: every commit flushes the record cache and every RocksDB store. */
    @Param({"200", "1000"})
    int commitIntervalMs;

    /** Record cache: Kafka Streams' default, and the app's. */
    @Param({"10", "64"})
    int cacheMiB;

    private KafkaTestCluster kafka;
    private Path work;
    private KafkaStreams streams;
    private String applicationId;
    private int run;

    @Setup(Level.Trial)
    public void load() throws Exception {
        work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bench-broker-");
        kafka = KafkaTestCluster.start();
        kafka.createTopics(4, INPUT, "sli-1m", "ingest-dlq");
        List<RequestEvent> events = Load.hour(1_000, 50, 8, Instant.now());
        if (events.size() != EVENTS) {
            throw new IllegalStateException("expected " + EVENTS + " events, made " + events.size());
        }
        try (KafkaProducer<String, RequestEvent> producer = kafka.producer(new StringSerializer(),
                VigilSerdes.embedded().serde(RequestEvent.class).serializer())) {
            events.forEach(e -> producer.send(new ProducerRecord<>(INPUT, e.getService(), e)));
            producer.flush();
        }
    }

    /** A fresh instance (new application id, empty state), not started yet. */
    @Setup(Level.Invocation)
    public void create() {
        applicationId = "bench-" + commitIntervalMs + "-" + cacheMiB + "-" + (run++);
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(applicationId).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMiB * 1024L * 1024L);
        streams = new KafkaStreams(SliTopology.build(AggregationSettings.defaults(), VigilSerdes.embedded(), AggregationObserver.NONE), p);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void aggregateAll() throws Exception {
        streams.start();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, Long> ends = admin.listOffsets(admin.describeTopics(List.of(INPUT)).allTopicNames().get().get(INPUT)
                    .partitions().stream().collect(Collectors.toMap(pi -> new TopicPartition(INPUT, pi.partition()), pi -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long firstCommitAt = 0;
            long committedAtFirst = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                long done = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (firstCommitAt == 0 && done > 0) {
                    firstCommitAt = System.nanoTime();
                    committedAtFirst = done;
                }
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                    double seconds = (System.nanoTime() - firstCommitAt) / 1e9;
                    System.out.printf("%n# steady rate (commit interval %d ms, cache %d MiB): %.0f events/s%n", commitIntervalMs,
                            cacheMiB, (EVENTS - committedAtFirst) / seconds);
                    return;
                }
                Thread.sleep(20);
            }
        }
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
        BenchRunner.run(BrokerThroughputBenchmark.class);
    }
}
