package dev.vigil.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's producers and consumers for one cluster: {@code cluster} holds what reaching it takes
 * (bootstrap servers, and a login where the cluster wants one); the test defaults come on top.
 */
public record KafkaClients(Map<String, Object> cluster) {

    public KafkaClients {
        cluster = Map.copyOf(cluster);
    }

    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(cluster);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    public <K, V> KafkaProducer<K, V> producer(Serializer<K> keys, Serializer<V> values) {
        return new KafkaProducer<>(producerConfig(), keys, values);
    }

    /** Writes raw values (a log line, an OTLP batch, ...) to {@code topic}, keyless, and flushes. */
    public void produceRaw(String topic, Collection<byte[]> values) {
        try (KafkaProducer<String, byte[]> producer = producer(new StringSerializer(), new ByteArraySerializer())) {
            for (byte[] v : values) {
                producer.send(new ProducerRecord<>(topic, v));
            }
            producer.flush();
        }
    }

    public <V> void produce(String topic, Serializer<V> values, Map<String, V> records) {
        try (KafkaProducer<String, V> producer = producer(new StringSerializer(), values)) {
            records.forEach((k, v) -> producer.send(new ProducerRecord<>(topic, k, v)));
            producer.flush();
        }
    }

    public Map<String, Object> consumerConfig(String group) {
        Map<String, Object> config = new HashMap<>(cluster);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    /**
     * Reads {@code topic} from the beginning (read_committed) until {@code done} holds for what was
     * read so far or {@code timeout} passes; returns what was read.
     */
    public <V> List<ConsumerRecord<String, V>> consumeUntil(String topic, Deserializer<V> values, Duration timeout,
            Predicate<List<ConsumerRecord<String, V>>> done) {
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerConfig("testkit-" + UUID.randomUUID()),
                new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads exactly until {@code count} records arrived, or the timeout. */
    public <V> List<ConsumerRecord<String, V>> consume(String topic, Deserializer<V> values, int count, Duration timeout) {
        return consumeUntil(topic, values, timeout, r -> r.size() >= count);
    }

    public List<ConsumerRecord<String, byte[]>> consumeRaw(String topic, int count, Duration timeout) {
        return consume(topic, new ByteArrayDeserializer(), count, timeout);
    }
}
