package dev.vigil.bench.harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Consumer lag of an app: last stable offsets (read_committed) of its input topics minus the
 * offsets its consumer group committed, summed over partitions. A partition the group never
 * committed counts from 0 (every topic of a harness run starts empty).
 */
final class Lag {

    private final Admin admin;
    private final Map<String, List<TopicPartition>> inputs = new HashMap<>();

    Lag(Admin admin) {
        this.admin = admin;
    }

    /** Registers {@code group} reading {@code topics}. */
    Lag watch(String group, List<String> topics) {
        try {
            Map<String, TopicDescription> d = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
            inputs.put(group, d.values().stream().flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .toList());
            return this;
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }

    /** Partitions of {@code group}'s inputs: with exactly-once, up to one transaction marker each may stay "unconsumed". */
    int partitions(String group) {
        return inputs.get(group).size();
    }

    /** The lag of every watched group, now. */
    Map<String, Long> now() {
        try {
            Map<TopicPartition, OffsetSpec> all = new HashMap<>();
            inputs.values().forEach(l -> l.forEach(tp -> all.put(tp, OffsetSpec.latest())));
            var ends = admin.listOffsets(all, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS);
            Map<String, Long> lag = new HashMap<>();
            for (var e : inputs.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(e.getKey())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                long sum = 0;
                for (TopicPartition tp : e.getValue()) {
                    OffsetAndMetadata c = committed.get(tp);
                    sum += Math.max(0, ends.get(tp).offset() - (c == null ? 0 : c.offset()));
                }
                lag.put(e.getKey(), sum);
            }
            return lag;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read consumer lag: " + e.getMessage(), e);
        }
    }

    /** True when every group is within one transaction marker per partition of its inputs' ends. */
    boolean drained(Map<String, Long> lag) {
        return lag.entrySet().stream().allMatch(e -> e.getValue() <= partitions(e.getKey()));
    }
}
