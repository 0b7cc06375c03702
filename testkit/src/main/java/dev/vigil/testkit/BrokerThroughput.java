package dev.vigil.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

/**
 * For throughput benchmarks through a real broker: an in-process cluster and a work folder, and one
 * fresh Kafka Streams instance at a time (a new application id: empty state, nothing committed),
 * run until it has committed all of its input.
 */
public final class BrokerThroughput implements AutoCloseable {

    /**
     * From the first commit seen to the last: the offsets committed at the first, the time between,
     * and how much the caller's counter grew in it.
     */
    public record Steady(long committedAtFirst, long nanos, long counted) {

        public double seconds() {
            return nanos / 1e9;
        }
    }

    private final Path work;
    private final KafkaTestCluster kafka;
    private KafkaStreams streams;
    private String applicationId;

    private BrokerThroughput(Path work, KafkaTestCluster kafka) {
        this.work = work;
        this.kafka = kafka;
    }

    /** Starts a one-broker cluster, with a new temp work folder {@code workPrefix...}. */
    public static BrokerThroughput start(String workPrefix) {
        Path work = TempDirs.create(workPrefix);
        return new BrokerThroughput(work, KafkaTestCluster.start());
    }

    public KafkaTestCluster kafka() {
        return kafka;
    }

    /**
     * An instance as the apps run one, on one stream thread with exactly_once_v2, its topics with
     * replication factor 1 (one broker), its state in its own folder under the work folder.
     */
    public Properties instanceConfig(String applicationId, int commitIntervalMs) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(applicationId).toString());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        return p;
    }

    /** The instance the next {@link #runUntilCommitted} starts. */
    public void create(Topology topology, Properties config) {
        applicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        streams = new KafkaStreams(topology, config);
    }

    /**
     * Starts the instance and waits until it has committed every partition of {@code topic} up to
     * the end offsets it had then; {@code counter} (CPU time, say) is read at the first commit seen
     * and at the end.
     */
    public Steady runUntilCommitted(String topic, LongSupplier counter) throws Exception {
        streams.start();
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, Long> ends = admin.listOffsets(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                    .partitions().stream().collect(Collectors.toMap(pi -> new TopicPartition(topic, pi.partition()), pi -> OffsetSpec.latest())))
                    .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long firstCommitAt = 0;
            long committedAtFirst = 0;
            long countedAtFirst = 0;
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                        .get();
                long done = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                if (firstCommitAt == 0 && done > 0) {
                    firstCommitAt = System.nanoTime();
                    committedAtFirst = done;
                    countedAtFirst = counter.getAsLong();
                }
                if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue())) {
                    long nanos = System.nanoTime() - firstCommitAt;
                    return new Steady(committedAtFirst, nanos, counter.getAsLong() - countedAtFirst);
                }
                // Often enough to see the last commit (every 200 ms or more) soon after it happens.
                Thread.sleep(20);
            }
        }
    }

    /** Closes the instance of the last run. */
    public void stopInstance() {
        streams.close(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        kafka.close();
        TempDirs.deleteQuietly(work);
    }
}
