package dev.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real KRaft Kafka cluster inside the test JVM ({@link KafkaClusterTestKit}): one combined
 * broker+controller by default, three on demand, random ports, data in its own temp folder,
 * deleted on {@link #close()}. Helpers create topics and produce/consume with any serializer,
 * typically the project's {@code VigilSerdes}.
 */
public final class KafkaTestCluster implements AutoCloseable {

    private final KafkaClusterTestKit kit;
    private final Path baseDir;

    private KafkaTestCluster(KafkaClusterTestKit kit, Path baseDir) {
        this.kit = kit;
        this.baseDir = baseDir;
    }

    /** One broker, offsets and transaction logs with replication factor 1. */
    public static KafkaTestCluster start() {
        return start(1);
    }

    /** {@code brokers} combined broker+controller nodes; with 3, internal topics get RF 3 and min.insync.replicas 2. */
    public static KafkaTestCluster start(int brokers) {
        try {
            Path dir = Files.createTempDirectory("vigil-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(brokers)
                    .setNumControllerNodes(brokers)
                    .setBaseDirectory(dir)
                    .build();
            short rf = (short) Math.min(3, brokers);
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", String.valueOf(rf))
                    .setConfigProp("offsets.topic.num.partitions", "5")
                    .setConfigProp("transaction.state.log.replication.factor", String.valueOf(rf))
                    .setConfigProp("transaction.state.log.min.isr", String.valueOf(Math.min(2, rf)))
                    .setConfigProp("transaction.state.log.num.partitions", "5")
                    .setConfigProp("default.replication.factor", String.valueOf(rf))
                    .setConfigProp("min.insync.replicas", String.valueOf(Math.min(2, rf)))
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("log.flush.interval.messages", "100000")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            return new KafkaTestCluster(kit, dir);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-process Kafka cluster: " + e, e);
        }
    }

    public String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** The underlying kit, e.g. to shut down or restart one broker. */
    public KafkaClusterTestKit kit() {
        return kit;
    }

    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    /** Creates each topic (ignoring ones that exist) with {@code partitions} partitions. */
    public void createTopics(int partitions, String... topics) {
        createTopics(partitions, Map.of(), topics);
    }

    public void createTopics(int partitions, Map<String, String> config, String... topics) {
        try (Admin admin = admin()) {
            List<NewTopic> list = new ArrayList<>();
            for (String t : topics) {
                list.add(new NewTopic(t, java.util.Optional.of(partitions), java.util.Optional.empty()).configs(config));
            }
            for (var entry : admin.createTopics(list).values().entrySet()) {
                try {
                    entry.getValue().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("could not create topic " + entry.getKey() + ": " + e.getCause(), e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Producers and consumers for this cluster. */
    public KafkaClients clients() {
        return new KafkaClients(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    public Map<String, Object> producerConfig() {
        return clients().producerConfig();
    }

    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        return clients().producer(keys, values);
    }

    /** Writes raw values (a log line, an OTLP batch, ...) to {@code topic}, keyless, and flushes. */
    public void produceRaw(String topic, Collection<byte[]> values) {
        clients().produceRaw(topic, values);
    }

    public <V> void produce(String topic, Serializer<V> values, Map<String, V> records) {
        clients().produce(topic, values, records);
    }

    public Map<String, Object> consumerConfig(String group) {
        return clients().consumerConfig(group);
    }

    /** See {@link KafkaClients#consumeUntil}. */
    public <V> List<ConsumerRecord<String, V>> consumeUntil(String topic, Deserializer<V> values, Duration timeout,
            Predicate<List<ConsumerRecord<String, V>>> done) {
        return clients().consumeUntil(topic, values, timeout, done);
    }

    /** Reads exactly until {@code count} records arrived, or the timeout. */
    public <V> List<ConsumerRecord<String, V>> consume(String topic, Deserializer<V> values, int count, Duration timeout) {
        return clients().consume(topic, values, count, timeout);
    }

    public List<ConsumerRecord<String, byte[]>> consumeRaw(String topic, int count, Duration timeout) {
        return clients().consumeRaw(topic, count, timeout);
    }

    /** Client properties for an app under test (bootstrap servers and nothing else). */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    @Override
    public void close() {
        try {
            kit.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the in-process Kafka cluster", e);
        } finally {
            TempDirs.deleteQuietly(baseDir);
        }
    }
}
