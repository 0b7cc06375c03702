package dev.vigil.aggregator.bench;

import java.time.Instant;
import java.util.List;
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
import dev.vigil.testkit.BrokerThroughput;
import dev.vigil.testkit.KafkaTestCluster;

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

    private BrokerThroughput broker;
    private int run;

    @Setup(Level.Trial)
    public void load() throws Exception {
        broker = BrokerThroughput.start("bench-broker-");
        KafkaTestCluster kafka = broker.kafka();
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
        Properties p = broker.instanceConfig("bench-" + commitIntervalMs + "-" + cacheMiB + "-" + (run++), commitIntervalMs);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheMiB * 1024L * 1024L);
        broker.create(SliTopology.build(AggregationSettings.defaults(), VigilSerdes.embedded(), AggregationObserver.NONE), p);
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void aggregateAll() throws Exception {
        BrokerThroughput.Steady steady = broker.runUntilCommitted(INPUT, () -> 0);
        System.out.printf("%n# steady rate (commit interval %d ms, cache %d MiB): %.0f events/s%n", commitIntervalMs, cacheMiB,
                (EVENTS - steady.committedAtFirst()) / steady.seconds());
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
        BenchRunner.run(BrokerThroughputBenchmark.class);
    }
}
