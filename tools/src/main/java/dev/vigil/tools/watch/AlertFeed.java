package dev.vigil.tools.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

import dev.vigil.avro.Alert;
import dev.vigil.avro.serde.VigilSerdes;

/**
 * Follows the {@code alerts} topic (read_committed, no consumer group) from a point in time: every
 * FIRING and RESOLVED transition, and which alerts are firing now.
 */
public final class AlertFeed implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<Alert> alerts;
    private final String topic;
    private final Instant since;
    private final List<AlertLine> transitions = new ArrayList<>();
    private final Map<String, AlertLine> firing = new LinkedHashMap<>();
    private boolean assigned;
    private String problem;

    public AlertFeed(Map<String, Object> kafka, VigilSerdes serdes, String topic, Instant since) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-watch");
        config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.alerts = serdes.serde(Alert.class).deserializer();
        this.topic = topic;
        this.since = since;
    }

    /** Reads what arrived, for at most {@code budget}. */
    public void poll(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            if (!assigned && !assign()) {
                return;
            }
            problem = null;
            while (System.nanoTime() < deadline) {
                var records = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        add(AlertLine.of(alerts.deserialize(r.topic(), r.value())));
                    } catch (RuntimeException e) {
                        problem = "an undecodable record on " + topic + " at offset " + r.offset() + ": " + e.getMessage();
                    }
                }
                if (records.isEmpty() && caughtUp()) {
                    return;
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            problem = "alerts topic: " + e.getMessage();
        }
    }

    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(3));
        if (partitions == null || partitions.isEmpty()) {
            problem = "topic '" + topic + "' does not exist (yet)";
            return false;
        }
        List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(tps);
        Map<TopicPartition, Long> query = new HashMap<>();
        tps.forEach(tp -> query.put(tp, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, o.offset());
            }
        }
        assigned = true;
        return true;
    }

    private boolean caughtUp() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        for (var e : ends.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    void add(AlertLine a) {
        transitions.add(a);
        if (a.firing()) {
            firing.put(a.fingerprint(), a);
        } else {
            firing.remove(a.fingerprint());
        }
    }

    public List<AlertLine> transitions() {
        return transitions;
    }

    /** Service -> alerts firing now. */
    public Map<String, Integer> firingByService() {
        Map<String, Integer> out = new HashMap<>();
        firing.values().forEach(a -> out.merge(a.service(), 1, Integer::sum));
        return out;
    }

    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
