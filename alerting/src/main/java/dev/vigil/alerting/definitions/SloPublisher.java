package dev.vigil.alerting.definitions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

import dev.vigil.alerting.codec.SloDefinitions;
import dev.vigil.alerting.config.AlertingConfig;
import dev.vigil.alerting.slo.Slo;
import dev.vigil.alerting.slo.SloCatalog;
import dev.vigil.app.api.ProblemException;
import dev.vigil.avro.SloDefinition;
import dev.vigil.avro.serde.VigilSerdes;

/**
 * Writes SLO definitions to the compacted definitions topic (the source of truth) and returns once
 * Kafka acknowledged the write and, within a few seconds, this instance's catalog shows it. The
 * producer is made on first use, so an instance that starts without Kafka stays quiet.
 */
@ApplicationScoped
public class SloPublisher {

    static final Duration ACK_TIMEOUT = Duration.ofSeconds(15);
    static final Duration VISIBLE_TIMEOUT = Duration.ofSeconds(5);

    private final String topic;
    private final SloCatalog catalog;
    private final VigilSerdes serdes;
    private final Map<String, Object> producerConfig = new HashMap<>();
    private Producer<String, SloDefinition> producer;

    public SloPublisher(AlertingConfig config, SloCatalog catalog, VigilSerdes serdes, Config all) {
        this.topic = config.topics().sloDefinitions();
        this.catalog = catalog;
        this.serdes = serdes;
        // The same connection and security settings as the streams client.
        for (String name : all.getPropertyNames()) {
            if (name.startsWith("kafka-streams.")) {
                String key = name.substring("kafka-streams.".length());
                if (ProducerConfig.configNames().contains(key) && !key.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
                    all.getOptionalValue(name, String.class).ifPresent(v -> producerConfig.put(key, v));
                }
            }
        }
        all.getOptionalValue("quarkus.kafka-streams.bootstrap-servers", String.class)
                .or(() -> all.getOptionalValue("kafka.bootstrap.servers", String.class))
                .ifPresent(v -> producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, v));
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis());
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-alerting-slo-publisher");
    }

    /** Creates or replaces every SLO; returns when all writes are acknowledged. */
    public void put(List<Slo> slos) {
        Instant now = Instant.now();
        List<Slo> stamped = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Slo slo : slos) {
            Slo s = slo.withOrigin(slo.origin(), now);
            stamped.add(s);
            acks.add(send(new ProducerRecord<>(topic, s.id(), SloDefinitions.toAvro(s))));
        }
        await(acks);
        awaitVisible(() -> stamped.stream().allMatch(s -> catalog.get(s.id()).map(c -> c.sameDefinitionAs(s)).orElse(false)));
    }

    /** Deletes the SLO (a tombstone on the compacted topic). */
    public void delete(List<String> ids) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (String id : ids) {
            acks.add(send(new ProducerRecord<>(topic, id, null)));
        }
        await(acks);
        awaitVisible(() -> ids.stream().allMatch(id -> catalog.get(id).isEmpty()));
    }

    private Future<RecordMetadata> send(ProducerRecord<String, SloDefinition> record) {
        try {
            return producer().send(record);
        } catch (RuntimeException e) {
            throw ProblemException.unavailable("could not write the SLO definition to Kafka: " + e.getMessage(), 5);
        }
    }

    private static void await(List<Future<RecordMetadata>> acks) {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw ProblemException.unavailable("Kafka did not accept the SLO definition: " + e.getCause().getMessage(), 5);
            } catch (TimeoutException e) {
                throw ProblemException.unavailable("Kafka did not acknowledge the SLO definition within " + ACK_TIMEOUT.toSeconds() + "s", 5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ProblemException.unavailable("interrupted while writing the SLO definition", 5);
            }
        }
    }

    /** Read-your-writes on this instance: the catalog follows the topic within milliseconds normally. */
    private static void awaitVisible(BooleanSupplier visible) {
        long deadline = System.nanoTime() + VISIBLE_TIMEOUT.toNanos();
        while (!visible.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized Producer<String, SloDefinition> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), serdes.serde(SloDefinition.class).serializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
